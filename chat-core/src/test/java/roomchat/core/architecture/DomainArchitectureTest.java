package roomchat.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The domain knows no transport: commands, rules, rooms, members, events, renderers and the broker
 * seam refer to no Netty type. Only the delivery side ({@code roomchat.core.dispatch}: the per-room
 * channel groups, the encoding and the hand-off to event loops) and chat-server may.
 */
class DomainArchitectureTest {

    private static final String[] DOMAIN = {
        "roomchat.core.chat..", "roomchat.core.command..", "roomchat.core.event..", "roomchat.core.room..",
        "roomchat.core.broker..", "roomchat.core.render..", "roomchat.core.name..", "roomchat.core.limit..",
        "roomchat.core.text..", "roomchat.core.history.."
    };

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("roomchat.core");

    @Test
    void theDomainRefersToNoNettyType() {
        ArchRule rule = noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .because("members are reached through a MemberPort; only the delivery side knows channels");
        rule.check(CORE);
    }

    @Test
    void theDomainDoesNotReachIntoTheDeliverySide() {
        ArchRule rule = noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAPackage("roomchat.core.dispatch..")
                .because("the domain publishes through the Broker and is told nothing of how events are delivered");
        rule.check(CORE);
    }

    @Test
    void everyDomainPackageHasClasses() {
        // A renamed package would make the rules above pass vacuously.
        for (String pkg : DOMAIN) {
            String name = pkg.substring(0, pkg.length() - 2);
            org.assertj.core.api.Assertions.assertThat(CORE.stream().anyMatch(c -> c.getPackageName().startsWith(name)))
                    .as(name).isTrue();
        }
    }
}
