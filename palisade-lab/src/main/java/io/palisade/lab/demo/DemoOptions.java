package io.palisade.lab.demo;

/**
 * How to run the demo.
 *
 * @param fault {@code kill}, {@code ha1-down}, {@code link-down}, {@code path-down} or {@code suspend}
 * @param timerProfile {@code advanced} (sub-second: heartbeat 100 ms x 3, promotion hold 50 ms) or
 *     {@code aggressive} (PAN-OS: heartbeat 1000 ms x 3, promotion hold 500 ms)
 * @param flows long-lived TCP connections to keep busy
 * @param steadySeconds traffic before the fault
 * @param afterSeconds traffic after the fault (to see every connection work again)
 * @param stay leave the lab running afterwards
 */
public record DemoOptions(
        String fault, String timerProfile, int flows, double steadySeconds, double afterSeconds, boolean stay) {
    public static final java.util.List<String> FAULTS =
            java.util.List.of("kill", "ha1-down", "link-down", "path-down", "suspend");
}
