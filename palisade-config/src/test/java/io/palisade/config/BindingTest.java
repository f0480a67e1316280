package io.palisade.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.bind.Default;
import io.palisade.config.bind.Defaults;
import io.palisade.config.bind.Names;
import io.palisade.config.bind.Required;
import io.palisade.config.bind.Scalars;
import io.palisade.config.model.HaTimers;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.model.RuleAction;
import io.palisade.config.model.TimerProfile;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Binding details: defaults, scalar lists, profiles, and the schema's own consistency. */
class BindingTest {
    private static final String MINIMAL = ValidationCases.DEVICE + ValidationCases.L3;

    @Test
    void absentBlocksTakePanOsDefaults() {
        PalisadeConfig c = ConfigLoader.parse(MINIMAL, "m").orThrow();

        assertThat(c.session().timeouts().tcp()).isEqualTo(3600);
        assertThat(c.session().timeouts().tcpInit()).isEqualTo(5);
        assertThat(c.session().timeouts().udp()).isEqualTo(30);
        assertThat(c.session().timeouts().icmp()).isEqualTo(6);
        assertThat(c.session().tcpRejectNonSyn()).isTrue();
        var ha = c.highAvailability();
        assertThat(ha.enabled()).isFalse();
        assertThat(ha.groupId()).isEqualTo(1);
        assertThat(ha.election().devicePriority()).isEqualTo(100);
        assertThat(ha.election().preemptive()).isFalse();
        assertThat(ha.activePassive().passiveLinkState().name()).isEqualTo("SHUTDOWN");
        assertThat(ha.election().timers().resolve()).isEqualTo(HaTimers.RECOMMENDED);
        assertThat(c.virtualRouter().name()).isEqualTo("default");
        assertThat(c.device().management().listen().port()).isEqualTo(9443);
    }

    @Test
    void ruleListsDefaultToAnyAndApplicationDefault() {
        PalisadeConfig c = ConfigLoader.parse(
                        MINIMAL + "security-rules:\n  - {name: r, from: trust, to: untrust, action: reset-both}\n", "m")
                .orThrow();
        var r = c.securityRules().getFirst();
        assertThat(r.from()).containsExactly("trust"); // a single value where a list is expected
        assertThat(r.source()).containsExactly("any");
        assertThat(r.service()).containsExactly("application-default");
        assertThat(r.action()).isEqualTo(RuleAction.RESET_BOTH);
        assertThat(r.logEnd()).isTrue();
    }

    @Test
    void timerProfilesResolveToPanOsValues() {
        assertThat(new HaTimers(TimerProfile.AGGRESSIVE, null, null, null, null, null, null, null, null, null)
                        .resolve()
                        .promotionHoldTimeMs())
                .isEqualTo(500);
        HaTimers advanced = new HaTimers(TimerProfile.ADVANCED, null, null, 100, 3, null, null, 5000, null, null);
        assertThat(advanced.resolve().heartbeatIntervalMs()).isEqualTo(100);
        assertThat(advanced.resolve().peerFailureTimeoutMs()).isEqualTo(300);
        assertThat(advanced.resolve().preemptionHoldTimeMs()).isEqualTo(5000);
        assertThat(advanced.resolve().promotionHoldTimeMs()).isEqualTo(2000);
    }

    @Test
    void kebabNamesAndSuggestions() {
        assertThat(Names.kebab("additionalMasterHoldUpTimeMs")).isEqualTo("additional-master-hold-up-time-ms");
        assertThat(Names.kebab("ha1Backup")).isEqualTo("ha1-backup");
        assertThat(Names.closest("preemtive", List.of("preemptive", "timers"))).isEqualTo("preemptive");
        assertThat(Names.closest("zzzzzz", List.of("preemptive"))).isNull();
    }

    /** Every primitive component must say what it is when absent: a default or required. */
    @Test
    void schemaPrimitivesHaveDefaults() {
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(PalisadeConfig.class));
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!seen.add(type)) {
                continue;
            }
            if (type.isSealed()) {
                todo.addAll(List.of(type.getPermittedSubclasses()));
                continue;
            }
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getType().isPrimitive()) {
                    assertThat(c.isAnnotationPresent(Default.class) || c.isAnnotationPresent(Required.class))
                            .as("%s.%s needs @Default or @Required", type.getSimpleName(), c.getName())
                            .isTrue();
                }
                Default d = c.getAnnotation(Default.class);
                if (d != null) {
                    assertThat(Defaults.of(c))
                            .as("default of %s.%s parses", type.getSimpleName(), c.getName())
                            .isNotNull();
                }
                Class<?> nested = c.getType() == List.class
                        ? (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0]
                        : c.getType();
                if ((nested.isRecord() || nested.isSealed()) && !Scalars.isScalar(nested)) {
                    todo.push(nested);
                }
            }
        }
        assertThat(seen).hasSizeGreaterThan(30);
    }
}
