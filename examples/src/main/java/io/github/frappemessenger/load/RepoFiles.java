package io.github.frappemessenger.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a file of the repository (the Python baseline, the test relay) from the working directory: the jar is run
 * from the repository root, but also works from a module folder or a subfolder.
 */
final class RepoFiles {
    private static final int PARENTS = 3;

    private RepoFiles() {
    }

    /** {@code relative} resolved against the working directory or one of its first parents, if it exists there. */
    static Optional<Path> find(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i <= PARENTS && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate.normalize());
            }
        }
        return Optional.empty();
    }
}
