package io.socon.messaging.it.xmtp;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command prefix that runs Node.js on a glibc new enough for libxmtp (2.38+), from
 * {@code glibc-loader.sh} in the peer's npm project: empty where the host's glibc will do, else Debian 13's
 * loader (fetched and cached by the script on first use). Asked once per JVM; a failure is remembered too.
 *
 * <p>System property {@code socon.xmtpPeer.glibcLoader=off} skips it (Node then runs as is).
 */
final class GlibcLoader {

    private static final long SCRIPT_TIMEOUT_MINUTES = 10;

    private static List<String> prefix;
    private static RuntimeException failure;

    private GlibcLoader() {
    }

    static synchronized List<String> prefix(Path projectDir) {
        if (prefix != null) {
            return prefix;
        }
        if (failure != null) {
            throw failure;
        }
        if ("off".equals(System.getProperty("socon.xmtpPeer.glibcLoader"))) {
            prefix = List.of();
            return prefix;
        }
        try {
            prefix = run(projectDir.resolve("glibc-loader.sh"));
            return prefix;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private static List<String> run(Path script) {
        Path out = null;
        Path errors = null;
        try {
            out = Files.createTempFile("glibc-loader", ".out");
            errors = Files.createTempFile("glibc-loader", ".err");
            // bash, not the file itself: copying resources does not keep the executable bit.
            Process process = new ProcessBuilder("bash", script.toString())
                    .redirectOutput(out.toFile())
                    .redirectError(errors.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(SCRIPT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw startup(script + " did not finish within " + SCRIPT_TIMEOUT_MINUTES + " minutes", errors);
            }
            if (process.exitValue() != 0) {
                throw startup(script + " failed (exit " + process.exitValue() + ")", errors);
            }
            String notes = Files.readString(errors, StandardCharsets.UTF_8).strip();
            if (!notes.isEmpty()) {
                System.err.println(notes);
            }
            String line = Files.readString(out, StandardCharsets.UTF_8).strip();
            return line.isEmpty() ? List.of() : Arrays.asList(line.split("\\s+"));
        } catch (IOException e) {
            throw new XmtpPeerException(XmtpPeerException.Reason.STARTUP, null,
                    "cannot run " + script + " (bash is needed): " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XmtpPeerException(XmtpPeerException.Reason.STARTUP, null,
                    "interrupted while running " + script, null);
        } finally {
            deleteQuietly(out);
            deleteQuietly(errors);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }

    private static XmtpPeerException startup(String message, Path errors) throws IOException {
        String notes = Files.readString(errors, StandardCharsets.UTF_8).strip();
        return new XmtpPeerException(XmtpPeerException.Reason.STARTUP, null,
                notes.isEmpty() ? message : message + ":\n" + notes, null);
    }
}
