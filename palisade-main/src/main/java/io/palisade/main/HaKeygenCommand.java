package io.palisade.main;

import io.palisade.ha.tls.HaKeygen;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./palisade ha keygen}: writes an HA1 key pair (EC P-256, PKCS#8, mode 600) and a self-signed
 * certificate. Operators give each node its own pair and exchange the certificates (PAN-OS HA key export and
 * import): a node's {@code ha1-encryption.peer-certificate} is the other node's certificate.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "keygen",
        description = "Write an HA1 key pair and certificate for mutual TLS (NAME.key, NAME.crt).")
final class HaKeygenCommand implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "Node name: file names and certificate CN.")
    String name;

    @Option(names = "--out", defaultValue = ".", description = "Folder to write into (default: current folder).")
    Path out;

    @Option(names = "--force", description = "Replace existing files.")
    boolean force;

    @Override
    public Integer call() {
        HaKeygen.Generated g = HaKeygen.generate(out, name, force);
        System.out.println("key:         " + g.keyFile());
        System.out.println("certificate: " + g.certificateFile());
        System.out.println("fingerprint: SHA-256 " + g.fingerprint());
        System.out.println("Give the certificate (never the key) to the peer node as its"
                + " high-availability.ha1-encryption.peer-certificate.");
        return 0;
    }
}
