package io.batchcall.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BATCHCALL_CALLING_RULES (CONTRACT §17): the shipped example reads; a bad pack stops the start with one line naming file and entry. */
class CallingRulesFileTest {

    @Test
    void theShippedExamplePackReadsAndEveryRuleNamesItsSource() {
        Path pack = Path.of("..", "rules", "us-example.json");
        var rules = CallingRulesFile.read(pack).get();
        assertThat(rules.rules().map(r -> r.region())).contains("US", "US-FL");
        assertThat(rules.rules()).allMatch(r -> !r.source().isBlank());
        Config config = Config.fromEnv(Map.of("BATCHCALL_CALLING_RULES", pack.toString()));
        assertThat(config.callingRules().rules()).hasSize(rules.rules().size());
    }

    @Test
    void aBadPackIsOneLineNamingTheFileAndTheEntry(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[{\"region\":\"US\",\"hours\":{\"mon\":\"08:00-21:00\"},\"source\":\"x\"},"
                + "{\"region\":\"US-FL\",\"hours\":{\"mon\":\"9am-8pm\"},\"source\":\"y\"}]");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("BATCHCALL_CALLING_RULES", bad.toString())))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("entry 2 (US-FL)").hasMessageContaining("hours.mon")
                .hasMessageNotContaining("\n");
        Files.writeString(bad, "{\"region\":\"US\"}");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("BATCHCALL_CALLING_RULES", bad.toString()))).hasMessageContaining("JSON array");
        Files.writeString(bad, "[{\"region\":\"US\",\"source\":\"x\",\"hour\":{}}]");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("BATCHCALL_CALLING_RULES", bad.toString()))).hasMessageContaining("unknown field 'hour'");
        Files.writeString(bad, "[{\"region\":\"US\"}]");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("BATCHCALL_CALLING_RULES", bad.toString()))).hasMessageContaining("source");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("BATCHCALL_CALLING_RULES", dir.resolve("missing.json").toString())))
                .hasMessageContaining("missing.json");
    }

    @Test
    void aConversationPauseIsADurationOrTheStartStops() {
        assertThat(Config.fromEnv(Map.of("BATCHCALL_CONVERSATION_PAUSE", "7d")).conversationPause()).contains(java.time.Duration.ofDays(7));
        assertThatThrownBy(() -> Config.fromEnv(Map.of("BATCHCALL_CONVERSATION_PAUSE", "a week"))).hasMessageContaining("BATCHCALL_CONVERSATION_PAUSE");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("BATCHCALL_CONVERSATION_PAUSE", "0d"))).hasMessageContaining("BATCHCALL_CONVERSATION_PAUSE");
    }
}
