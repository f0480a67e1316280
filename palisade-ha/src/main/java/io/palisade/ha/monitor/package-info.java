/** Link and path monitoring: member states combined by group and global any/all rules into verdicts. */
package io.palisade.ha.monitor;
