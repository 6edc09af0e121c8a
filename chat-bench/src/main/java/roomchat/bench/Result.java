package roomchat.bench;

/**
 * What one measured phase came to. Server figures are null when the server's process was not given.
 *
 * @param workload            the workload's name
 * @param expected            deliveries the phase had to make
 * @param received            deliveries received
 * @param outOfOrder          deliveries that broke a sender's order (a gap counts once)
 * @param seconds             how long the phase took
 * @param deliveriesPerSecond received / seconds
 * @param p50Ms               latency percentiles and maximum, send to receipt, in milliseconds
 * @param p90Ms               see p50Ms
 * @param p99Ms               see p50Ms
 * @param maxMs               see p50Ms
 * @param serverCpuSeconds    server CPU (user + system) used during the phase
 * @param serverCores         serverCpuSeconds / seconds
 * @param cpuMicrosPerDelivery server CPU per delivery, in microseconds
 * @param serverRssKiB        the server's resident memory at the end
 */
public record Result(String workload, long expected, long received, long outOfOrder, double seconds,
                     double deliveriesPerSecond, double p50Ms, double p90Ms, double p99Ms, double maxMs,
                     Double serverCpuSeconds, Double serverCores, Double cpuMicrosPerDelivery, Long serverRssKiB) {

    /** Nothing lost, nothing out of order. */
    public boolean clean() {
        return received == expected && outOfOrder == 0;
    }
}
