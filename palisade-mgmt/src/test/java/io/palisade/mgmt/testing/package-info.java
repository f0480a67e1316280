/** Test support: an {@code OpsService} over a real configuration service with scripted HA and session state. */
package io.palisade.mgmt.testing;
