/** Interface control and link events over rtnetlink, with sysfs operstate polling as the fallback. */
package io.palisade.linux.netlink;
