/** Pure functions from ops records to the text layouts of PAN-OS operational commands. */
package io.palisade.mgmt.shell.render;
