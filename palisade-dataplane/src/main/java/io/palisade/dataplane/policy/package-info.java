/** Security and NAT policy: compiled per commit into bit-vector classifiers matched without scanning rules. */
package io.palisade.dataplane.policy;
