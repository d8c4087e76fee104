package io.socon.messaging.it.xmtp;

import java.util.List;

/**
 * What the peer runs.
 *
 * @param glibc the glibc the process runs on (Debian 13's under the loader), or {@code null} if not glibc
 * @param libxmtpVersion libxmtp's version once a client exists, else {@code null}
 * @param nativeLibraries the {@code .node} files loaded into the process
 */
public record PeerVersions(String nodeSdk, String nodeBindings, String viem, String node, String glibc,
        String libxmtpVersion, List<String> nativeLibraries) {
}
