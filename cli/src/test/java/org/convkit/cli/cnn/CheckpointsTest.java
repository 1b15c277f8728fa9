package org.convkit.cli.cnn;

import static org.convkit.cli.cnn.CnnCommandTest.train;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.convkit.cli.CliRun;
import org.convkit.io.model.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnn train --checkpoint-dir} and {@code --resume} against damaged, foreign and mixed checkpoint
 * folders, and the outputs a resumed run may replace.
 */
class CheckpointsTest {
    @TempDir
    Path tmp;

    /** A short run: 128 images, 2 epochs of 4 batches, one thread. */
    private static CliRun run(Path out, Path ckpt, String... extra) {
        List<String> args = new ArrayList<>(List.of("-q", "--limit", "128", "--checkpoint-dir", ckpt.toString()));
        args.addAll(List.of(extra));
        return train(out, args.toArray(String[]::new));
    }

    private static void ok(CliRun r) {
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(r.stderr().contains("internal error"), r.stderr());
    }

    @Test
    void foreignFileNamesInTheFolderAreIgnored() throws IOException {
        Path ck = Files.createDirectories(tmp.resolve("ck"));
        Files.writeString(ck.resolve("epoch-99999999999.state.safetensors"), "not mine");
        Files.writeString(ck.resolve("epoch-x.state.safetensors"), "not mine");
        Files.writeString(ck.resolve("notes.txt"), "mine");
        CliRun r = run(tmp.resolve("m.safetensors"), ck, "--resume");
        ok(r);
        assertTrue(Files.exists(ck.resolve("epoch-002.state.safetensors")));
        assertEquals("mine", Files.readString(ck.resolve("notes.txt")));
    }

    @Test
    void resumeFallsBackToTheNewestCheckpointThatLoads() throws IOException {
        Path ck = tmp.resolve("ck"), full = tmp.resolve("full.safetensors");
        ok(run(full, ck, "--epochs", "3"));
        // a power cut: the newest state file is empty, the model before it damaged
        Files.write(ck.resolve("epoch-003.state.safetensors"), new byte[0]);
        byte[] model2 = Files.readAllBytes(ck.resolve("epoch-002.safetensors"));
        Files.write(ck.resolve("epoch-002.safetensors"), java.util.Arrays.copyOf(model2, model2.length / 2));
        Path resumed = tmp.resolve("resumed.safetensors");
        CliRun r = train(resumed, "--limit", "128", "--checkpoint-dir", ck.toString(), "--epochs", "3", "--resume");
        ok(r);
        assertTrue(r.stderr().contains("convkit: skipping checkpoint " + ck.resolve("epoch-003.state.safetensors")
                + ": not a safetensors model file (0 bytes, too short)"), r.stderr());
        assertTrue(r.stderr().contains("convkit: skipping checkpoint " + ck.resolve("epoch-002.state.safetensors")
                + ": its model epoch-002.safetensors: model file is truncated"), r.stderr());
        assertTrue(r.stderr().contains("after epoch 1"), r.stderr());
        assertEquals(-1, Files.mismatch(full, resumed), "the resumed run differs from the uninterrupted one");
    }

    /** A checkpoint written before a setting was recorded is taken as made with that setting's value then. */
    @Test
    void resumeTakesACheckpointThatPredatesTheInitSetting() throws IOException {
        Path ck = tmp.resolve("ck"), full = tmp.resolve("full.safetensors");
        ok(run(full, ck, "--epochs", "2"));
        Path state = ck.resolve("epoch-001.state.safetensors");
        assertEquals("he", SafeTensors.read(state).metadata().get("training.init"));
        org.convkit.cli.model.ModelFiles.withMetadata(state, state, "training.init", null);
        Files.delete(ck.resolve("epoch-002.state.safetensors"));
        Path resumed = tmp.resolve("resumed.safetensors");
        CliRun r = train(resumed, "--limit", "128", "--checkpoint-dir", ck.toString(), "--epochs", "2", "--resume");
        ok(r);
        assertTrue(r.stderr().contains("after epoch 1"), r.stderr());
        assertEquals(-1, Files.mismatch(full, resumed), "the resumed run differs from the uninterrupted one");
    }

    @Test
    void resumeWithNoCheckpointKeepsTheClobberRules() throws IOException {
        Path ck = tmp.resolve("empty-ck");
        Path existing = Files.writeString(tmp.resolve("keep.safetensors"), "someone's model");
        CliRun r = run(existing, ck, "--resume");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(existing + ": exists; --overwrite replaces it"), r.stderr());
        Path log = Files.writeString(tmp.resolve("keep.csv"), "someone's log");
        r = run(tmp.resolve("new.safetensors"), ck, "--resume", "--log", log.toString());
        assertEquals(1, r.exitCode(), r.stderr());
        assertEquals("someone's model", Files.readString(existing));
        assertEquals("someone's log", Files.readString(log));
    }

    @Test
    void resumeReplacesOnlyTheOutputsOfTheRunItContinues() throws IOException {
        Path ck = tmp.resolve("ck"), out = tmp.resolve("m.safetensors"), log = tmp.resolve("log.csv");
        ok(run(out, ck, "--log", log.toString()));
        Files.delete(ck.resolve("epoch-002.state.safetensors"));
        ok(run(out, ck, "--log", log.toString(), "--resume"));
        Path other = Files.writeString(tmp.resolve("other.csv"), "someone's log");
        Files.delete(ck.resolve("epoch-002.state.safetensors"));
        CliRun r = run(out, ck, "--log", other.toString(), "--resume");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(other + ": exists; --overwrite replaces it (it is not an output of the run --resume continues)"), r.stderr());
        assertEquals("someone's log", Files.readString(other));
    }

    @Test
    void aFreshRunRefusesAnotherRunsCheckpointsUnlessOverwrite() throws IOException {
        Path ck = tmp.resolve("ck");
        ok(run(tmp.resolve("a.safetensors"), ck, "--lr", "0.01"));
        CliRun r = run(tmp.resolve("b.safetensors"), ck, "--lr", "0.02", "--epochs", "1");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(ck + ": holds the checkpoints of an earlier run; --resume continues it, --overwrite deletes them"), r.stderr());
        assertFalse(Files.exists(tmp.resolve("b.safetensors")));

        ok(run(tmp.resolve("b.safetensors"), ck, "--lr", "0.02", "--epochs", "1", "--overwrite"));
        assertFalse(Files.exists(ck.resolve("epoch-002.safetensors")), "the earlier run's epoch 2 is deleted");
        assertEquals("0.02", SafeTensors.readMetadata(ck.resolve("epoch-001.state.safetensors")).get("training.lr"));
    }

    @Test
    void resumeTakesOnlyCheckpointsOfTheSameRunInAMixedFolder() throws IOException {
        // a folder as an older convkit left it: run B's epoch 1 written over run A's, A's epoch 2 still there
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        ok(run(tmp.resolve("a.safetensors"), a, "--lr", "0.01"));
        ok(run(tmp.resolve("b.safetensors"), b, "--lr", "0.02"));
        for (String f : List.of("epoch-001.safetensors", "epoch-001.state.safetensors")) {
            Files.copy(b.resolve(f), a.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        CliRun r = run(tmp.resolve("b2.safetensors"), a, "--lr", "0.02", "--resume");
        ok(r);
        assertTrue(r.stderr().contains("skipping checkpoint " + a.resolve("epoch-002.state.safetensors") + ": another run's (made with lr '0.01', this run has '0.02')"),
                r.stderr());
        assertEquals(-1, Files.mismatch(tmp.resolve("b.safetensors"), tmp.resolve("b2.safetensors")), "B resumed from B's epoch 1");

        r = run(tmp.resolve("c.safetensors"), b, "--lr", "0.05", "--resume");
        assertEquals(1, r.exitCode(), r.stderr());
        assertEquals(1, r.errLines().length, r.stderr());
        assertTrue(r.stderr().contains(b + " holds checkpoints of another run (" + b.resolve("epoch-002.state.safetensors")
                + " was made with lr '0.02', this run has '0.05'); resume with the same options"), r.stderr());
    }
}
