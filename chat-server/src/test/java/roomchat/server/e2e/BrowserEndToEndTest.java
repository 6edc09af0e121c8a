package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import roomchat.server.ChatServer;
import roomchat.server.ServerConfig;

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

    /**
     * A user can choose the words of chat and actions, and a name like {@code choose} or {@code you},
     * but no words of theirs may change what the page believes: it keeps its members, hosts, topic
     * and room from the types of the events it gets, never from their text. The other users see
     * what the page sends, so they would see it send its name again ({@code [games] webby: webby})
     * or leave the room.
     */
    @Test
    void noUsersWordsChangeWhoThePageListsWhereItIsOrWhatItSends() throws Exception {
        LineClient owner = clients.login("owner");
        owner.send(":n games");
        owner.await("* created games");
        owner.send(":topic dice night");
        owner.await("[games] -- owner set the topic: dice night");
        openPageAs("webby");
        browser.findElement(By.id("input")).sendKeys(":cr games", Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("room-title"), "games"));
        LineClient mallory = enterGames("mallory");
        LineClient choose = enterGames("choose");
        LineClient you = enterGames("you");
        awaitMembers("you");

        for (String line : new String[] {":me has left games", ":me has joined games", ":me is now known as x",
                ":me is now a host of games", ":me is now a host", "-- mallory has left", ":me set the topic: pwned",
                ":msg webby * you are in lobby with mallory"}) {
            mallory.send(line);
        }
        choose.send(":me a screen name (1-24 letters, digits, _ - or .)");
        choose.send("* choose a screen name (1-24 letters, digits, _ - or .)");
        you.send(":me were kicked from games by owner");
        you.send(":me are in lobby with mallory");
        you.send("owner kicked you from games");
        you.send(":me are now mallory");
        choose.send(":me is done");
        mallory.send(":me waves");
        // Each user's lines arrive in order: its last one shown means all of them were read.
        awaitInLog("* you are now mallory");
        awaitInLog("* choose is done");
        awaitInLog("* mallory waves");

        @SuppressWarnings("unchecked")
        List<Object> members = (List<Object>) ((JavascriptExecutor) browser).executeScript("return [...document.querySelectorAll('#members li')]"
                + ".map((li) => li.firstChild.textContent + (li.querySelector('.meta') ? ' (host)' : ''));");
        assertThat(members).containsExactlyInAnyOrder("owner (host)", "webby", "mallory", "choose", "you");
        assertThat(browser.findElement(By.id("room-title")).getText()).isEqualTo("games");
        assertThat(browser.findElement(By.id("room-topic")).getText()).isEqualTo("dice night");
        browser.findElement(By.id("input")).sendKeys("still here", Keys.ENTER);
        mallory.await("[games] webby: still here");
        assertThat(mallory.passed()).as("what mallory saw of the page meanwhile")
                .noneMatch(line -> line.startsWith("[games] webby:") || line.startsWith("[games] -- webby"));
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

    /**
     * A room with more lines in its history file than a newcomer is replayed: each time the page's
     * log is scrolled to its top (a mouse wheel turned up) the page loads the lines just older than
     * the oldest it shows, above them, in order and dated, and the view stays on what it showed;
     * once an answer is short (here: empty), the beginning of the history is marked.
     */
    @Test
    void scrollingToTheTopLoadsOlderLinesAboveInOrder(@TempDir Path dir) throws Exception {
        int said = 120;
        ServerConfig config = ServerConfig.defaults();
        config.host = "127.0.0.1";
        config.port = 0;
        config.httpPort = ServerConfig.ANY_FREE_PORT;
        config.grpcPort = 0;
        config.historyDb = dir.resolve("history.db");
        config.burst = said * 2; // the nc user's lines go at once, not at --rate
        try (ChatServer withFile = new ChatServer(config)) {
            InetSocketAddress address = withFile.start();
            try (LineClient nc = LineClient.login(address, "ncuser")) {
                for (int i = 1; i <= said; i++) {
                    nc.send("old " + i);
                }
                nc.send(":hist 1"); // answered once every line is ordered and stored
                nc.await("* end of history");

                browser.get("http://127.0.0.1:" + withFile.httpAddress().getPort() + "/");
                browser.findElement(By.id("name")).sendKeys("webby");
                browser.findElement(By.id("join")).click();
                awaitInLog("live chat starts");
                assertThat(oldLinesShown()).as("the replay").isEqualTo(numbers(said - ServerConfig.DEFAULT_HISTORY_LINES + 1, said));

                WebElement log = browser.findElement(By.id("log"));
                WebElement welcome = browser.findElement(By.xpath("//div[@id='log']/div[1]"));
                wheelUp(log);
                wait.until(driver -> oldLinesShown().size() == ServerConfig.DEFAULT_HISTORY_LINES + 50);
                assertThat(oldLinesShown()).isEqualTo(numbers(said - ServerConfig.DEFAULT_HISTORY_LINES - 49, said));
                assertThat(offsetInLog(welcome)).as("what the person looked at stays in view where it was").isBetween(0L, 40L);
                assertThat(browser.findElements(By.cssSelector("#log .line.history .time")).get(0).getText())
                        .as("loaded lines are dated").matches(".*\\d.*\\d \\d\\d:\\d\\d");

                wheelUp(log);
                wait.until(driver -> oldLinesShown().size() == said);
                assertThat(oldLinesShown()).isEqualTo(numbers(1, said));
                // That answer was as long as asked: only the next, empty, says the history begins there.
                wheelUp(log);
                awaitInLog("the beginning of lobby's history");
                assertThat(browser.findElement(By.xpath("//div[@id='log']/div[1]")).getText())
                        .endsWith("the beginning of lobby's history");

                nc.send("after the scroll");
                awaitInLog("after the scroll");
                assertThat(oldLinesShown()).as("live lines still go below").isEqualTo(numbers(1, said));
            }
        }
    }

    /** The numbers of the {@code old N} lines in the log, top to bottom. */
    @SuppressWarnings("unchecked")
    private List<Long> oldLinesShown() {
        List<Object> texts = (List<Object>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#log .line .text')].map((t) => t.textContent);");
        return texts.stream().map(String::valueOf).filter(text -> text.matches("old \\d+"))
                .map(text -> Long.parseLong(text.substring("old ".length()))).toList();
    }

    private static List<Long> numbers(int from, int to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    /** A mouse wheel turned up over {@code element}, far enough to reach the top of anything. */
    private void wheelUp(WebElement element) {
        new Actions(browser).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(element), 0, -100_000).perform();
    }

    /** How far below the top of the log's visible area {@code row} is, in pixels. */
    private long offsetInLog(WebElement row) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(
                "return Math.round(arguments[0].getBoundingClientRect().top - document.getElementById('log').getBoundingClientRect().top);",
                row)).longValue();
    }

    /** Logs {@code name} in over TCP and into games, once the page has seen it come. */
    private LineClient enterGames(String name) throws Exception {
        LineClient user = clients.login(name);
        user.send(":cr games");
        user.await(line -> line.startsWith("* you are in games"), "the move to games");
        awaitInLog(name + " has joined");
        return user;
    }

    private void openPageAs(String name) {
        browser.get("http://127.0.0.1:" + server.server().httpAddress().getPort() + "/");
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("join")).click();
        awaitInLog("you are in lobby");
    }

    private void awaitMembers(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("members"), text));
    }

    private void awaitInLog(String text) {
        wait.withTimeout(Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), text));
    }
}
