/** Real traffic run inside network namespaces: TCP and UDP echo servers, long-lived connections, a probe stream. */
package io.palisade.lab.realtraffic;
