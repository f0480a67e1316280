/** FFM bindings to libc: downcall handles, errno capture, shared socket structures and error messages. */
package io.palisade.linux.sys;
