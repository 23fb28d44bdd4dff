package dev.beacon.scm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import dev.beacon.config.BuildConfig;
import dev.beacon.model.Commit;

/** Read-only git queries on the CI workspace clone. */
public class GitInspector {

    private static final Logger LOG = Logger.getLogger(GitInspector.class.getName());

    private final Path workspace;

    public GitInspector(Path workspace) {
        this.workspace = workspace;
    }

    public GitInspector() {
        this(BuildConfig.workspaceDir());
    }

    /** Runs git with the given arguments in the workspace and returns its output lines. */
    private List<String> git(String... args) throws IOException {
        List<String> argv = new ArrayList<>(args.length + 1);
        argv.add(BuildConfig.gitBinary());
        argv.addAll(List.of(args));
        return CommandRunner.run(workspace, argv);
    }

    /** The branch checked out in the workspace, or "HEAD" when detached. */
    public String currentBranch() throws IOException {
        List<String> out = git("rev-parse", "--abbrev-ref", "HEAD");
        return out.isEmpty() ? "HEAD" : out.get(0).trim();
    }

    /** Local branch names, most recently committed first. */
    public List<String> branches() throws IOException {
        return git("for-each-ref", "--sort=-committerdate", "--format=%(refname:short)", "refs/heads/");
    }

    /**
     * The last {@code limit} commits reachable from {@code branch} (a branch
     * name as typed by the user; the checked-out HEAD when blank), newest first.
     */
    public List<Commit> recentCommits(String branch, int limit) throws IOException {
        String ref = branch == null || branch.isBlank() ? "HEAD" : branch.trim();
        LOG.fine(() -> "listing " + limit + " commits of " + ref);
        String command = "git log --no-color -n " + limit + " --format=" + Commit.LOG_FORMAT + " " + ref;
        List<String> lines = CommandRunner.run(workspace, List.of("/bin/sh", "-c", command));
        return lines.stream().map(Commit::parse).collect(Collectors.toList());
    }
}
