package io.kustos.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 18 point 1: validate, which runs on its main thread alone, has its static set-up (Jackson's mappers,
 * BigDecimal's tables, JGit's constants, the crypto of SOPS and age) made on a thread of its own as it starts
 * ({@link StartWarmUp}), beside picocli; no other command does (apply, diff and preview use their second core for
 * their readers). That the launched command starts it: {@link StartupLoadsOnlyWhatTheCommandUsesTest}.
 */
class ValidateWarmsUpBesidePicocliTest {
    @Test
    void onlyValidateWarmsUpItsStaticSetUp() {
        var started = Main.SUBCOMMANDS.keySet().stream().filter(StartWarmUp::begin).toList();

        assertEquals(List.of("validate"), started, "the commands that started their warm-up");
        assertFalse(StartWarmUp.begin(null), "no command (usage, --help, --version): no warm-up");
    }

    @Test
    void everyClassItInitializesExists() throws Exception {
        for (String name : StartWarmUp.CLASSES.get("validate")) {
            Class.forName(name, false, StartWarmUp.class.getClassLoader()); // a renamed class would only lose the head start silently
        }
    }
}
