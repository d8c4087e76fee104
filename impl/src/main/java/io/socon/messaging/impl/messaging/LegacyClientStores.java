package io.socon.messaging.impl.messaging;

import io.socon.messaging.impl.store.client.jdbc.ClientDatabase;
import io.socon.messaging.impl.store.client.jdbc.JdbcClientStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Earlier versions kept each host user's client store in an H2 database of its own, in
 * {@code <data directory>/users/<first 2 hex digits>/<user hash>}. At start, {@link #importInto} copies each such
 * store into the messaging database (as store {@code <user hash>}) and renames its folder to
 * {@code <user hash>.imported}, so nothing a user had is lost and no store is copied twice. The old files are kept
 * (delete them once the server runs well); a failed copy leaves the folder as it was, to be retried at the next start.
 */
final class LegacyClientStores {

    private static final System.Logger LOG = System.getLogger(LegacyClientStores.class.getName());
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    static final String IMPORTED_SUFFIX = ".imported";

    private LegacyClientStores() {
    }

    /**
     * Copies every per-user store under {@code usersDirectory} into {@code database}.
     *
     * @return how many stores were copied
     * @throws io.socon.messaging.impl.store.StoreException if a store cannot be copied (the others copied stay)
     */
    static int importInto(Path usersDirectory, ClientDatabase database) {
        List<Path> folders = folders(usersDirectory);
        if (folders.isEmpty()) {
            return 0;
        }
        LOG.log(System.Logger.Level.INFO, "Socon Messaging: importing " + folders.size() + " per-user client store(s)"
                + " from " + usersDirectory.toAbsolutePath() + " into the messaging database");
        int copied = 0;
        int done = 0;
        for (Path folder : folders) {
            String hash = folder.getFileName().toString();
            if (database.copyIn(hash, JdbcClientStore.h2Url(folder), null, null)) {
                copied++;
            }
            try {
                Files.move(folder, folder.resolveSibling(hash + IMPORTED_SUFFIX));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "the client store in " + folder + " was imported but its folder"
                        + " could not be renamed (it will not be imported again): " + e);
            }
            if (++done % 100 == 0 && done < folders.size()) {
                LOG.log(System.Logger.Level.INFO, "Socon Messaging: imported " + done + " of " + folders.size()
                        + " per-user client stores");
            }
        }
        LOG.log(System.Logger.Level.INFO, "Socon Messaging: imported " + copied + " per-user client store(s); the old"
                + " folders are kept as <hash>" + IMPORTED_SUFFIX + " under " + usersDirectory.toAbsolutePath());
        return copied;
    }

    /** The folders {@code users/xx/<hash>} that hold an H2 client store not yet imported. */
    private static List<Path> folders(Path usersDirectory) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(usersDirectory)) {
            return found;
        }
        try (Stream<Path> shards = Files.list(usersDirectory)) {
            for (Path shard : shards.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> users = Files.list(shard)) {
                    users.filter(Files::isDirectory)
                            .filter(p -> HASH.matcher(p.getFileName().toString()).matches())
                            .filter(p -> Files.exists(p.resolve("socon-client.mv.db")))
                            .sorted()
                            .forEach(found::add);
                }
            }
        } catch (IOException e) {
            throw new io.socon.messaging.impl.store.StoreException("cannot list the per-user client stores in "
                    + usersDirectory + ": " + e, e);
        }
        return found;
    }
}
