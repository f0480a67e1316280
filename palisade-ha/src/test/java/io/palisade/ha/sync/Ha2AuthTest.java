package io.palisade.ha.sync;

import static io.palisade.ha.sync.Ha2Node.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.common.UserError;
import io.palisade.config.model.HaConfig;
import io.palisade.ha.tls.Fingerprints;
import io.palisade.ha.tls.HaKeygen;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frame keys from the HA1 key pairs, and refusal of frames from anyone else. */
class Ha2AuthTest {
    static final HaKeygen.KeyMaterial KEYS_C = HaKeygen.create("node-c");

    @Test
    void bothNodesDeriveTheSameKeyAndEachOthersSenderIds() {
        Ha2Auth a = Ha2Pair.authA();
        Ha2Auth b = Ha2Pair.authB();
        assertThat(a.mode()).isEqualTo("hmac-sha256 (ecdh)");
        assertThat(a.localSenderId()).isEqualTo(b.peerSenderId());
        assertThat(b.localSenderId()).isEqualTo(a.peerSenderId());
        assertThat(a.localSenderId()).isEqualTo(WireBytes.getU32(Fingerprints.sha256(Ha2Pair.KEYS_A.certificate()), 0));

        byte[] frame = new byte[200];
        a.newMac().sign(frame, 0, 184, frame, 184);
        assertThat(b.newMac().verify(frame, 0, 184, 184)).isTrue();
        Ha2Auth c = Ha2Auth.fromKeys(KEYS_C.key(), KEYS_C.certificate(), Ha2Pair.KEYS_B.certificate());
        assertThat(c.newMac().verify(frame, 0, 184, 184)).isFalse();
    }

    @Test
    void theKeyNeedsAPrivateKeyNotJustTheCertificates() {
        // Someone holding both public certificates but neither private key, with their own key pair, gets another key.
        Ha2Auth impostor = Ha2Auth.fromKeys(KEYS_C.key(), Ha2Pair.KEYS_A.certificate(), Ha2Pair.KEYS_B.certificate());
        byte[] frame = new byte[64];
        Ha2Pair.authA().newMac().sign(frame, 0, 48, frame, 48);
        assertThat(impostor.newMac().verify(frame, 0, 48, 48)).isFalse();
        assertThat(impostor.localSenderId()).isEqualTo(Ha2Pair.authA().localSenderId());
    }

    @Test
    void oneCertificateForBothNodesIsRefused() {
        assertThatThrownBy(() -> Ha2Auth.fromKeys(
                        Ha2Pair.KEYS_A.key(), Ha2Pair.KEYS_A.certificate(), Ha2Pair.KEYS_A.certificate()))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("same certificate");
    }

    @Test
    void theConfigurationLoadsTheHa1KeyFiles(@TempDir Path dir) {
        HaKeygen.Generated a = HaKeygen.generate(dir, "a", false);
        HaKeygen.Generated b = HaKeygen.generate(dir, "b", false);
        Ha2Auth fromA = Ha2Auth.fromConfig(new HaConfig.Ha1Encryption(
                true,
                a.certificateFile().toString(),
                a.keyFile().toString(),
                b.certificateFile().toString()));
        Ha2Auth fromB = Ha2Auth.fromConfig(new HaConfig.Ha1Encryption(
                true,
                b.certificateFile().toString(),
                b.keyFile().toString(),
                a.certificateFile().toString()));
        byte[] frame = new byte[64];
        fromA.newMac().sign(frame, 0, 48, frame, 48);
        assertThat(fromB.newMac().verify(frame, 0, 48, 48)).isTrue();
        Ha2Auth cleartext = Ha2Auth.fromConfig(new HaConfig.Ha1Encryption(false, null, null, null));
        assertThat(cleartext.authenticated()).isFalse();
        assertThat(cleartext.peerSenderId()).isZero();
    }

    @Test
    void anImpostorOnThePeersAddressAndAStrangerElsewhereAreRefused() throws Exception {
        try (Ha2Pair pair = new Ha2Pair(Ha2Node.FAST, false)) {
            Ha2Node b = pair.startB(1);
            Ha2Auth impostorAuth = Ha2Auth.fromKeys(KEYS_C.key(), KEYS_C.certificate(), Ha2Pair.KEYS_B.certificate());
            Ha2Node impostor = pair.start("C", impostorAuth, pair.a, pair.b, pair.aBackup, pair.bBackup, 1);
            impostor.insert(0, 50);
            impostor.sync.requestBulkSync();
            await("B refuses the impostor's frames", () -> b.counter(Ha2Counter.AUTH_FAILED) >= 5);

            try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.5", 0))) {
                byte[] junk = new byte[100];
                stranger.send(new DatagramPacket(junk, junk.length, pair.b));
            }
            await("B refuses the stranger", () -> b.counter(Ha2Counter.PEER_ADDRESS_REFUSED) == 1);

            assertThat(b.sessions()).isZero();
            assertThat(b.sync.receiver().contacted()).isFalse();
            assertThat(b.counter(Ha2Counter.FRAME_RECEIVED)).isZero();
            assertThat(b.sync.bulkSyncState()).isEqualTo(BulkSyncState.NOT_STARTED);
        }
    }

    @Test
    void withoutEcKeysTheKeyComesFromTheCertificatesAloneAndSaysSo() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair rsa = generator.generateKeyPair();
        java.security.cert.X509Certificate rsaCertificate = selfSigned(rsa);
        Ha2Auth a = Ha2Auth.fromKeys(rsa.getPrivate(), rsaCertificate, Ha2Pair.KEYS_B.certificate());
        Ha2Auth b = Ha2Auth.fromKeys(Ha2Pair.KEYS_B.key(), Ha2Pair.KEYS_B.certificate(), rsaCertificate);
        assertThat(a.mode()).isEqualTo("hmac-sha256 (certificate fingerprints only)");
        byte[] frame = new byte[64];
        a.newMac().sign(frame, 0, 48, frame, 48);
        assertThat(b.newMac().verify(frame, 0, 48, 48)).isTrue();
    }

    private static java.security.cert.X509Certificate selfSigned(java.security.KeyPair pair) throws Exception {
        org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=rsa-node");
        java.time.Instant now = java.time.Instant.now();
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                name,
                java.math.BigInteger.ONE,
                java.util.Date.from(now.minusSeconds(60)),
                java.util.Date.from(now.plusSeconds(3600)),
                name,
                pair.getPublic());
        var signer =
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate());
        return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
