package dev.turnout.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.GetResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Catalog texts the tests publish, and a plain client's put and get. */
final class Catalogs {

  private Catalogs() {}

  /** A catalog whose flag {@code checkout} serves variant {@code v}. */
  static String serving(String v) {
    return "flags:\n  checkout:\n    variants: { a: 1, b: 2, c: 3, d: 4 }\n    default: " + v + "\n    off: a\n";
  }

  /** A catalog that does not validate. */
  static final String BROKEN = "flags:\n  checkout:\n    variants: { a: 1 }\n    default: nowhere\n";

  /** Puts the text at the key; returns the new revision. */
  static long put(Client client, String key, String text) throws Exception {
    return client.getKVClient().put(EtcdTarget.bytes(key), EtcdTarget.bytes(text)).get(10, TimeUnit.SECONDS)
        .getHeader().getRevision();
  }

  /** The value at the key, or null. */
  static String get(Client client, String key) throws Exception {
    GetResponse response = client.getKVClient().get(EtcdTarget.bytes(key)).get(10, TimeUnit.SECONDS);
    return response.getKvs().isEmpty() ? null : response.getKvs().get(0).getValue().toString(StandardCharsets.UTF_8);
  }
}
