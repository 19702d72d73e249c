package io.capstan.sandbox;

import io.capstan.sandbox.control.ControlApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Command line entry of the sandbox.
 *
 * <pre>
 * java -cp ... io.capstan.sandbox.SandboxMain --state-dir DIR [--clusters alpha,beta] [--ports random|stable]
 *      [--exit-on-stdin-eof] [--fleet]
 * </pre>
 *
 * {@code --fleet} also starts the main job's fleet servers: a real BIND 9 for the sandbox zones and the sandbox
 * institutional CA (see {@link io.capstan.sandbox.fleet.SandboxFleet}).
 *
 * Prints exactly one line on stdout, {@code SANDBOX READY <absolute path of sandbox.json>}, once everything
 * serves; logs go to {@code DIR/logs/}. Exit codes: 0 after a clean stop (SIGTERM or stdin EOF), 2 on bad
 * arguments, 1 when a component failed to start.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    /**
     * @param args see the class comment
     */
    public static void main(String[] args) {
        Path stateDir = null;
        List<String> clusters = new ArrayList<>();
        boolean stable = false;
        boolean exitOnEof = false;
        boolean fleet = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--state-dir" -> stateDir = Path.of(arg(args, ++i, "--state-dir")).toAbsolutePath().normalize();
                case "--clusters" -> {
                    for (String c : arg(args, ++i, "--clusters").split(",")) {
                        if (!c.isBlank()) {
                            clusters.add(c.trim());
                        }
                    }
                }
                case "--ports" -> {
                    String mode = arg(args, ++i, "--ports");
                    if (!"random".equals(mode) && !"stable".equals(mode)) {
                        usage("--ports must be random or stable");
                    }
                    stable = "stable".equals(mode);
                }
                case "--exit-on-stdin-eof" -> exitOnEof = true;
                case "--fleet" -> fleet = true;
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (stateDir == null) {
            usage("--state-dir is required");
        }
        try {
            Files.createDirectories(stateDir.resolve("logs"));
        } catch (IOException e) {
            System.err.println("sandbox: cannot create " + stateDir + ": " + e.getMessage());
            System.exit(2);
        }
        // Before any logger exists: log4j2 writes to DIR/logs, JUL (Vert.x, mock web server) goes to log4j2.
        System.setProperty("capstan.sandbox.logs", stateDir.resolve("logs").toString());
        System.setProperty("java.util.logging.manager", "org.apache.logging.log4j.jul.LogManager");
        System.setProperty("log4j2.julLoggerAdapter", "org.apache.logging.log4j.jul.CoreLoggerAdapter");
        for (String c : clusters) {
            if (!Sandbox.validClusterName(c)) {
                usage("cluster name is not a DNS-1123 label: " + c);
            }
        }
        run(stateDir, clusters, stable, exitOnEof, fleet);
    }

    private static void run(Path stateDir, List<String> clusters, boolean stable, boolean exitOnEof, boolean fleet) {
        Sandbox sandbox = new Sandbox(stateDir, new PortBook(stateDir.resolve("ports.json"), stable));
        ControlApi[] control = new ControlApi[1];
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (control[0] != null) {
                control[0].close();
            }
            sandbox.close();
            stopped.countDown();
            org.apache.logging.log4j.LogManager.shutdown();
        }, "sandbox-shutdown"));
        try {
            sandbox.start(clusters);
            if (fleet) {
                sandbox.startFleet();
            }
            control[0] = new ControlApi(sandbox, sandbox.ports().port("control"));
            control[0].start();
            sandbox.controlUrl(control[0].url());
            sandbox.writeState();
        } catch (Throwable e) { // also errors such as NoClassDefFoundError: Kafka's threads would keep us alive
            System.err.println("sandbox: start failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
        System.out.println("SANDBOX READY " + sandbox.stateFile());
        System.out.flush();
        if (exitOnEof) {
            Thread watcher = new Thread(() -> {
                try (InputStream in = System.in) {
                    byte[] buf = new byte[256];
                    while (in.read(buf) >= 0) {
                        // discard
                    }
                } catch (IOException e) {
                    // treat as EOF
                }
                System.exit(0);
            }, "sandbox-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String arg(String[] args, int i, String name) {
        if (i >= args.length) {
            usage(name + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("sandbox: " + problem);
        System.err.println("usage: SandboxMain --state-dir DIR [--clusters a,b] [--ports random|stable] "
            + "[--exit-on-stdin-eof] [--fleet]");
        System.exit(2);
    }
}
