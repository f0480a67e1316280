/** Prometheus text exposition (format 0.0.4) built from ops snapshots at scrape time. */
package io.palisade.mgmt.metrics;
