package io.palisade.main;

import io.palisade.common.UserError;
import picocli.CommandLine.Command;

/** {@code ./palisade test} is run by the launcher script (mvn verify); this entry only documents it. */
@Command(
        mixinStandardHelpOptions = true,
        name = "test",
        description = "Run the whole test suite (the launcher runs mvn -B verify with JDK 25).")
final class TestCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("run './palisade test' from the repository root: the launcher runs mvn -B verify");
    }
}
