package io.socon.messaging.it.module;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the Arquillian archives that deploy the module: a WAR with the api, spi and impl jars and their runtime
 * dependencies in {@code WEB-INF/lib} (copied by the pom's {@code copy-socon-libs} execution to
 * {@code socon.it.libs}), a {@code beans.xml}, and a {@code META-INF/microprofile-config.properties} with an
 * in-memory vault, an embedded node on a free port ({@code socon.node.port=0}) and data directories of their own,
 * so archives never share a node, a port or a database with each other or with the sample server.
 * Runs on the client side only (in {@code @Deployment} methods).
 */
final class SoconArchives {

    private SoconArchives() {
    }

    /** The WAR, with the base settings overridden or extended by {@code settings}. */
    static WebArchive war(String name, Map<String, String> settings) {
        Path dataDir = Path.of(System.getProperty("socon.it.dataDir", "target/arquillian-data"))
                .resolve(name + "-" + UUID.randomUUID()).toAbsolutePath();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("socon.vault.type", "memory");
        config.put("socon.node.port", "0");
        config.put("socon.node.data-dir", dataDir.resolve("node").toString());
        config.put("socon.messaging.data-dir", dataDir.resolve("messaging").toString());
        config.putAll(settings);
        String properties = config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibraries(moduleJars())
                .addClasses(Waits.class)
                .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    private static java.io.File[] moduleJars() {
        Path libs = Path.of(System.getProperty("socon.it.libs", "target/socon-libs"));
        try (Stream<Path> files = Files.list(libs)) {
            java.io.File[] jars = files.filter(p -> p.toString().endsWith(".jar")).map(Path::toFile)
                    .toArray(java.io.File[]::new);
            if (Stream.of(jars).noneMatch(f -> f.getName().startsWith("socon-messaging-impl"))) {
                throw new IllegalStateException("no socon-messaging-impl jar in " + libs.toAbsolutePath()
                        + ": run the ITs through Maven (copy-socon-libs)");
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the module's jars in " + libs.toAbsolutePath(), e);
        }
    }
}
