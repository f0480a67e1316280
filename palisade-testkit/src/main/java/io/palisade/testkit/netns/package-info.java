/** Network-namespace test fixtures: uniquely named namespaces, veth pairs, bridges, commands, cleanup. */
package io.palisade.testkit.netns;
