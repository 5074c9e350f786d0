package dev.turnout.etcd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Objects;

/**
 * What one JVM says about the catalog it applies, kept in etcd under {@link EtcdTarget#fleetPrefix()}
 * plus {@link #instance()}, on a lease: the record disappears a few seconds after the JVM stops.
 *
 * @param instance unique per JVM run, the key's last segment: {@code HOST-PID-START} (start in epoch
 *     milliseconds), with {@code -N} added for the Nth source of one JVM
 * @param app the application's name ({@code app=} option, default the main class or jar)
 * @param host the host name
 * @param pid the process id
 * @param startedAt when the JVM started
 * @param revision the etcd revision (the catalog key's {@code mod_revision}) of the catalog the JVM
 *     applies; 0 when it applies none yet
 * @param origin where the applied catalog came from: {@code etcd}, {@code last-good} (the local copy,
 *     the store being unreachable at start) or {@code none}
 * @param appliedAt when that catalog was applied
 * @param problem why the newest catalog seen was refused (it keeps serving {@code revision}), or
 *     {@code null}
 */
public record FleetReport(
    String instance,
    String app,
    String host,
    long pid,
    Instant startedAt,
    long revision,
    String origin,
    Instant appliedAt,
    String problem) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public FleetReport {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(origin, "origin");
  }

  /** This record as JSON (times as ISO-8601 strings). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(new Wire(instance, app, host, pid, text(startedAt), revision, origin,
          text(appliedAt), problem));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a record written by {@link #toJson()}; unknown fields (from newer versions) are ignored.
   *
   * @throws IllegalArgumentException when the text is not such a record
   */
  public static FleetReport fromJson(String json) {
    try {
      Wire wire = JSON.readValue(json, Wire.class);
      return new FleetReport(wire.instance(), wire.app(), wire.host(), wire.pid(), instant(wire.startedAt()),
          wire.revision(), wire.origin(), instant(wire.appliedAt()), wire.problem());
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not a fleet report: " + e.getMessage(), e);
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  /** The JSON shape, with times as strings so that no Jackson module is needed. */
  private record Wire(String instance, String app, String host, long pid, String startedAt, long revision,
      String origin, String appliedAt, String problem) {}
}
