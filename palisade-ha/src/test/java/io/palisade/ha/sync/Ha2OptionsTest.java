package io.palisade.ha.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.config.model.Ha2KeepAliveAction;
import io.palisade.config.model.Ha2Transport;
import io.palisade.config.model.HaConfig;
import io.palisade.config.model.HaMode;
import io.palisade.config.model.HaTimers;
import io.palisade.config.model.TimerProfile;
import org.junit.jupiter.api.Test;

class Ha2OptionsTest {
    private static HaConfig ha(HaConfig.StateSynchronization sync, boolean heartbeatBackup) {
        return new HaConfig(
                true,
                7,
                null,
                HaMode.ACTIVE_PASSIVE,
                null,
                null,
                null,
                null,
                null,
                heartbeatBackup,
                null,
                null,
                sync,
                null,
                true,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void keepAliveAndSyncSettingsComeFromTheConfiguration() {
        Ha2Options options = Ha2Options.fromConfig(ha(
                new HaConfig.StateSynchronization(
                        false,
                        Ha2Transport.ETHERNET,
                        new HaConfig.Ha2KeepAlive(true, Ha2KeepAliveAction.SPLIT_DATAPATH, 5000)),
                true));
        assertThat(options.groupId()).isEqualTo(7);
        assertThat(options.syncEnabled()).isFalse();
        assertThat(options.keepAliveMonitor()).isTrue();
        assertThat(options.keepAliveAction()).isEqualTo(Ha2KeepAliveAction.SPLIT_DATAPATH);
        assertThat(options.keepAliveThresholdMs()).isEqualTo(5000);
        assertThat(options.heartbeatBackup()).isTrue();
    }

    @Test
    void absentBlocksMeanThePanOsDefaults() {
        Ha2Options options = Ha2Options.fromConfig(ha(null, false));
        assertThat(options.syncEnabled()).isTrue();
        assertThat(options.keepAliveMonitor()).isFalse();
        assertThat(options.keepAliveThresholdMs()).isEqualTo(10_000);
        assertThat(options.flushDelayMs()).isEqualTo(10);
    }

    @Test
    void withHeartbeatBackupKeepAlivesComeAtLeastAsOftenAsHeartbeats() {
        HaConfig base = ha(null, true);
        HaTimers fast = new HaTimers(TimerProfile.ADVANCED, null, null, 100, null, null, null, null, null, null);
        HaConfig withTimers = new HaConfig(
                base.enabled(),
                base.groupId(),
                base.description(),
                base.mode(),
                base.deviceId(),
                new HaConfig.Election(100, false, fast, 60_000),
                base.ha1(),
                base.ha1Backup(),
                base.ha1Encryption(),
                true,
                base.ha2(),
                base.ha2Backup(),
                base.stateSynchronization(),
                base.ha3(),
                base.configSync(),
                base.linkMonitoring(),
                base.pathMonitoring(),
                base.activePassive(),
                base.activeActive(),
                base.cluster());
        assertThat(Ha2Options.fromConfig(withTimers).keepAliveIntervalMs()).isEqualTo(100);
        assertThat(Ha2Options.fromConfig(base).keepAliveIntervalMs()).isEqualTo(1000);
    }

    @Test
    void aThresholdShorterThanTwoIntervalsIsRefused() {
        assertThatThrownBy(() -> Ha2Options.DEFAULTS.withKeepAlive(1000, 1500, true, Ha2KeepAliveAction.LOG_ONLY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least twice the interval");
    }
}
