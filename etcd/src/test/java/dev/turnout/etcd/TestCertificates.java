package dev.turnout.etcd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PEM certificates and keys for TLS tests, made with the JDK's {@code keytool} (run as a process, so that
 * no internal JDK API and no extra library is needed): a CA, a server certificate for 127.0.0.1 and
 * localhost signed by it, a client certificate signed by it, and a second CA that signed nothing the
 * server holds (a certificate not to trust).
 *
 * <p>keytool cannot write a private key as PEM: it is read back from the PKCS#12 store with
 * {@link KeyStore} and written as PKCS#8 ({@code BEGIN PRIVATE KEY}), which etcd and Netty both read.
 */
public final class TestCertificates {

  private static final String PASS = "changeit";

  /** The CA's certificate (PEM). */
  public final Path ca;
  /** The server's certificate and PKCS#8 key (PEM), for 127.0.0.1 and localhost. */
  public final Path serverCert;
  public final Path serverKey;
  /** A client certificate (CN=turnout-client) and key, signed by {@link #ca}. */
  public final Path clientCert;
  public final Path clientKey;
  /** Another CA's certificate: trusting only it, a client cannot trust the server. */
  public final Path otherCa;
  /** A client certificate and key signed by {@link #otherCa}, which the server does not trust. */
  public final Path otherClientCert;
  public final Path otherClientKey;

  private final Path dir;
  private final Path keytool;

  private TestCertificates(Path dir) {
    this.dir = dir;
    this.keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    this.ca = dir.resolve("ca.pem");
    this.serverCert = dir.resolve("server.pem");
    this.serverKey = dir.resolve("server-key.pem");
    this.clientCert = dir.resolve("client.pem");
    this.clientKey = dir.resolve("client-key.pem");
    this.otherCa = dir.resolve("other-ca.pem");
    this.otherClientCert = dir.resolve("other-client.pem");
    this.otherClientKey = dir.resolve("other-client-key.pem");
  }

  /** Makes all of them in {@code dir}. */
  public static TestCertificates create(Path dir) throws IOException {
    TestCertificates c = new TestCertificates(dir);
    c.authority("ca", "CN=Turnout Test CA", c.ca);
    c.authority("other-ca", "CN=Someone Else's CA", c.otherCa);
    c.signed("server", "CN=127.0.0.1", "ca", List.of("-ext", "SAN=IP:127.0.0.1,DNS:localhost",
        "-ext", "EKU=serverAuth"), c.serverCert, c.serverKey);
    c.signed("client", "CN=turnout-client", "ca", List.of("-ext", "EKU=clientAuth"), c.clientCert, c.clientKey);
    c.signed("other-client", "CN=turnout-client", "other-ca", List.of("-ext", "EKU=clientAuth"),
        c.otherClientCert, c.otherClientKey);
    return c;
  }

  private void authority(String alias, String dname, Path pem) throws IOException {
    Path store = store(alias);
    keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
        "-validity", "2", "-ext", "BC:c=ca:true", "-ext", "KU:c=keyCertSign,cRLSign",
        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS);
    keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", store.toString(), "-storepass", PASS,
        "-file", pem.toString());
  }

  private void signed(String alias, String dname, String issuer, List<String> extensions, Path certPem,
      Path keyPem) throws IOException {
    Path store = store(alias);
    keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
        "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASS,
        "-keypass", PASS);
    Path request = dir.resolve(alias + ".csr");
    keytool("-certreq", "-alias", alias, "-keystore", store.toString(), "-storepass", PASS,
        "-file", request.toString());
    List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", issuer,
        "-keystore", store(issuer).toString(), "-storepass", PASS, "-validity", "2",
        "-infile", request.toString(), "-outfile", certPem.toString()));
    sign.addAll(extensions);
    keytool(sign.toArray(String[]::new));
    Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(privateKey(store, alias))
        + "\n-----END PRIVATE KEY-----\n");
  }

  private Path store(String alias) {
    return dir.resolve(alias + ".p12");
  }

  private static byte[] privateKey(Path store, String alias) throws IOException {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, PASS.toCharArray());
      Key key = keys.getKey(alias, PASS.toCharArray());
      return key.getEncoded(); // PKCS#8
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the key " + alias + " back: " + e, e);
    }
  }

  private void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(keytool.toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted while running keytool", e));
    }
  }
}
