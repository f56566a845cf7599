package io.trailhawk.local;

import io.trailhawk.control.RulePublisher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Watches a rules directory and pushes each saved change through the control topic: a changed file is put, a
 * removed file is deleted. Saves in quick succession are coalesced.
 */
final class RulesWatcher implements AutoCloseable {
    private final WatchService watch;
    private final Thread thread;
    private final Map<String, String> lastPushed = new HashMap<>();

    RulesWatcher(Path dir, RulePublisher publisher, PrintStream log) throws IOException {
        watch = FileSystems.getDefault().newWatchService();
        dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        for (Path f : Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
            lastPushed.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
        }
        thread = new Thread(() -> run(dir, publisher, log), "rules-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Path dir, RulePublisher publisher, PrintStream log) {
        try {
            while (true) {
                WatchKey key = watch.take();
                // Editors write in bursts (truncate, write, rename); wait for the burst to end.
                Thread.sleep(150);
                WatchKey more;
                while ((more = watch.poll(50, TimeUnit.MILLISECONDS)) != null) {
                    more.pollEvents();
                    more.reset();
                }
                for (WatchEvent<?> e : key.pollEvents()) {
                    e.context();
                }
                key.reset();
                pushChanges(dir, publisher, log);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // stopping
        }
    }

    private void pushChanges(Path dir, RulePublisher publisher, PrintStream log) throws InterruptedException {
        Map<String, String> now = new HashMap<>();
        try {
            for (Path f : Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
                now.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            log.println("rules: cannot read " + dir + ": " + e.getMessage());
            return;
        }
        for (Map.Entry<String, String> e : now.entrySet()) {
            if (!e.getValue().equals(lastPushed.get(e.getKey()))) {
                push(publisher, e.getKey(), e.getValue(), log);
            }
        }
        for (String gone : lastPushed.keySet().toArray(new String[0])) {
            if (!now.containsKey(gone)) {
                push(publisher, gone, null, log);
            }
        }
    }

    private void push(RulePublisher publisher, String name, String yaml, PrintStream log) throws InterruptedException {
        try {
            publisher.send(name, yaml);
            log.println("rules: pushed " + (yaml == null ? "deletion of " : "") + name);
            if (yaml == null) {
                lastPushed.remove(name);
            } else {
                lastPushed.put(name, yaml);
            }
        } catch (IOException e) {
            log.println("rules: could not push " + name + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        watch.close();
        thread.interrupt();
        thread.join(2000);
    }
}
