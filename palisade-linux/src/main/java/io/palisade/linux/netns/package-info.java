/** Network namespaces from Java: move a platform thread into a named namespace with setns(2). */
package io.palisade.linux.netns;
