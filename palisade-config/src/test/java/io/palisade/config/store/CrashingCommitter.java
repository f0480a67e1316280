package io.palisade.config.store;

import io.palisade.config.ConfigLoader;
import io.palisade.config.model.PalisadeConfig;
import java.nio.file.Path;

/**
 * Child-process program for {@link CommitCrashSafetyTest}: commits configurations in a loop (or once with a
 * crash point armed through {@code -Dpalisade.config.crashAt}). Arguments: store folder, config file, count.
 */
public final class CrashingCommitter {
    private CrashingCommitter() {}

    public static void main(String[] args) {
        Path file = Path.of(args[1]);
        PalisadeConfig config = ConfigLoader.load(file).orThrow();
        ConfigService service = new ConfigService(
                ConfigStore.open(Path.of(args[0]), CrashPoint.fromSystemProperty()),
                file.getParent(),
                System::currentTimeMillis);
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            service.commitConfig(config, "child", "commit " + i);
            System.out.println("committed " + service.running().info().version());
            System.out.flush();
        }
    }
}
