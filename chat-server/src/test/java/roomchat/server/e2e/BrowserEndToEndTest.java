package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person in a real browser (headless Chromium, Debian's packages, nothing downloaded) and a
 * person at nc, in the same rooms. CI installs Chromium; elsewhere the test is skipped without it.
 */
class BrowserEndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOT = Path.of("target", "browser-chat.png");
    private static final String XSS = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";

    @RegisterExtension
    final RunningServer server = new RunningServer();

    private final Clients clients = new Clients(server);
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser(@TempDir Path profile) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must install chromium and chromium-driver (see .ci/run)");
        }
        Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1200,800", "--user-data-dir=" + profile);
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, LineClient.TIMEOUT);
    }

    @AfterEach
    void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        clients.close();
    }

    @Test
    void aBrowserUserAndAnNcUserChatSwitchRoomsAndMarkupStaysText() throws Exception {
        browser.get("http://127.0.0.1:" + server.server().httpAddress().getPort() + "/");
        browser.findElement(By.id("name")).sendKeys("webby");
        browser.findElement(By.id("join")).click();
        awaitInLog("you are in lobby");

        LineClient nc = clients.login("ncuser");
        awaitInLog("ncuser has joined");
        nc.send("hello browser");
        awaitInLog("hello browser");
        browser.findElement(By.id("input")).sendKeys("hello terminal", Keys.ENTER);
        nc.await("[lobby] webby: hello terminal");

        nc.send(":n games");
        nc.await("* created games");
        browser.findElement(By.id("refresh-rooms")).click();
        By gamesInList = By.cssSelector("#rooms li[data-room='games']");
        wait.until(ExpectedConditions.elementToBeClickable(gamesInList)).click();
        nc.await("[games] -- webby has joined");
        wait.until(ExpectedConditions.textToBe(By.id("room-title"), "games"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("members"), "ncuser"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#rooms li.current"), "games"));

        nc.send(XSS);
        awaitInLog(XSS);
        Object pwned = ((JavascriptExecutor) browser).executeScript("return window.pwned === undefined ? null : window.pwned;");
        assertThat(pwned).as("script or handler ran from a chat line").isNull();
        assertThat(browser.findElements(By.cssSelector("#log img, #log script"))).isEmpty();

        browser.findElement(By.id("commands")).click();
        awaitInLog(":kick <name>");
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isPositive();
    }

    @Test
    void theMemberListFollowsTheRoomsNoticesAndNoUsersLineMovesIt() throws Exception {
        browser.get("http://127.0.0.1:" + server.server().httpAddress().getPort() + "/");
        browser.findElement(By.id("name")).sendKeys("webby");
        browser.findElement(By.id("join")).click();
        awaitInLog("you are in lobby");
        LineClient nc = clients.login("ncuser");
        LineClient mallory = clients.login("mallory");
        awaitMembers("mallory");

        // Lines that read like the notices the page follows, made by a user: none may change the list.
        mallory.send(":me has left");
        mallory.send(":me is now a host");
        mallory.send(":me is now known as ghost");
        mallory.send("-- mallory has left");
        mallory.send(":me kicked you from lobby");
        mallory.send(":me waves");
        awaitInLog("* mallory waves");
        String members = browser.findElement(By.id("members")).getText();
        assertThat(members).contains("mallory", "ncuser", "webby").doesNotContain("ghost", "host");

        nc.send(":n games");
        nc.await("* created games");
        browser.findElement(By.id("refresh-rooms")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li[data-room='games']"))).click();
        nc.await("[games] -- webby has joined");
        wait.until(ExpectedConditions.textToBe(By.id("room-title"), "games"));
        nc.send(":host webby");
        nc.await("[games] -- webby is now a host");
        awaitMembers("host");
        nc.send(":nick nc2");
        nc.await("* you are now nc2");
        awaitMembers("nc2");
        nc.send(":kick webby");
        nc.await("[games] -- webby was kicked by nc2");
        awaitInLog("you were kicked from games by nc2");
        wait.until(ExpectedConditions.textToBe(By.id("room-title"), "lobby"));
        awaitMembers("mallory");
    }

    /** :rooms answers a page at a time; the page's room list reads every page and shows them all. */
    @Test
    void theRoomListShowsEveryRoomWhenTheyTakeSeveralPages() throws Exception {
        int rooms = 35;
        for (int i = 0; i < rooms; i++) {
            LineClient host = clients.login("host" + i);
            host.send(":n r" + i);
            host.await("* created r" + i);
        }
        browser.get("http://127.0.0.1:" + server.server().httpAddress().getPort() + "/");
        browser.findElement(By.id("name")).sendKeys("webby");
        browser.findElement(By.id("join")).click();
        awaitInLog("you are in lobby");
        browser.findElement(By.id("refresh-rooms")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#rooms li"), rooms + 1));
        assertThat(browser.findElement(By.id("log")).getText()).doesNotContain("page 1 of 2").doesNotContain("page 2 of 2");
    }

    private void awaitMembers(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("members"), text));
    }

    private void awaitInLog(String text) {
        wait.withTimeout(Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), text));
    }
}
