package dev.prism.runner.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Who holds a lease: {@code host/pid/nonce}. A process on the same host can tell that the owner of
 * a lease has died (its pid no longer runs) and take its work back at once instead of waiting for
 * the lease to expire.
 */
public record WorkerId(String host, long pid, String nonce) {
  /** This process. */
  public static WorkerId current() {
    return new WorkerId(
        hostName(), ProcessHandle.current().pid(), UUID.randomUUID().toString().substring(0, 8));
  }

  @Override
  public String toString() {
    return host + "/" + pid + "/" + nonce;
  }

  /** Whether {@code owner} names a process on this host that has ended. */
  public boolean isDeadNeighbour(String owner) {
    String[] parts = owner.split("/");
    if (parts.length != 3 || !parts[0].equals(host) || owner.equals(toString())) {
      return false;
    }
    try {
      return ProcessHandle.of(Long.parseLong(parts[1])).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
