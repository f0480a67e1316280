/** NAT translation: translators per NAT rule, per-worker port and address allocators, the reusable result. */
package io.palisade.dataplane.nat;
