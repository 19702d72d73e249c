package io.capstan.gateways.ipam;

/**
 * One port a Service exposes ({@code spec.ports[].protocol} and {@code .port}); two Services sharing an address must
 * not use the same protocol and port.
 *
 * @param protocol TCP, UDP or SCTP (Kubernetes default TCP)
 * @param port     1..65535
 */
public record Port(String protocol, int port) implements Comparable<Port> {

    public Port {
        protocol = protocol == null || protocol.isBlank() ? "TCP" : protocol;
    }

    @Override
    public int compareTo(Port o) {
        int c = protocol.compareTo(o.protocol);
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    @Override
    public String toString() {
        return protocol + "/" + port;
    }
}
