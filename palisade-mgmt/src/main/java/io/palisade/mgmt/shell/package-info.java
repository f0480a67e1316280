/**
 * The PAN-OS style operational shell: a REST client of the management API, a command tree with completion and
 * {@code ?} help, {@code | match} filtering and a {@code configure} mode over the candidate configuration.
 */
package io.palisade.mgmt.shell;
