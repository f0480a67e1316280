/**
 * Management of a node: the {@link io.palisade.mgmt.ManagementServer} serving the REST API, the web dashboard and
 * Prometheus metrics over the one {@link io.palisade.ops.OpsService} facade.
 */
package io.palisade.mgmt;
