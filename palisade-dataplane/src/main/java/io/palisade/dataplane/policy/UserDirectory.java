package io.palisade.dataplane.policy;

import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.model.UserIdConfig;
import io.palisade.dataplane.route.AddressIntMap;
import io.palisade.dataplane.route.Ip;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * User-ID as the policy needs it: groups from the configuration expanded to users at compile time, the user keys of
 * the classifier's user dimension, and the static IP-to-user mappings.
 *
 * <p>User keys: 0 is the unknown user (no mapping), 1 any known user no rule names, 2 and up the users rules name.
 */
final class UserDirectory {
    static final int UNKNOWN = 0;
    static final int OTHER_KNOWN = 1;

    private final Map<String, List<String>> groups = new HashMap<>();
    private final Map<String, Integer> keys = new HashMap<>();
    private final AddressIntMap mappingIndex;
    private final String[] mappedUsers;

    UserDirectory(PalisadeConfig config) {
        UserIdConfig userId = config.userId();
        List<UserIdConfig.Group> groupList = userId == null ? List.of() : userId.groups();
        groupList.forEach(g -> groups.putIfAbsent(g.name(), g.members()));
        List<UserIdConfig.Mapping> mappings = userId == null ? List.of() : userId.mappings();
        mappingIndex = new AddressIntMap(Math.max(1, mappings.size()));
        mappedUsers = new String[mappings.size()];
        for (int i = 0; i < mappings.size(); i++) {
            Ip ip = Ip.of(mappings.get(i).ip());
            mappingIndex.put(ip.version(), ip.hi(), ip.lo(), i);
            mappedUsers[i] = mappings.get(i).user();
        }
    }

    /** The users a rule's source-user entry names: a user, or a group expanded (nested groups too). */
    Set<String> expand(String name) {
        Set<String> out = new LinkedHashSet<>();
        expand(name, out, new HashSet<>());
        return out;
    }

    private void expand(String name, Set<String> out, Set<String> visiting) {
        List<String> members = groups.get(name);
        if (members == null) {
            out.add(name);
            return;
        }
        if (visiting.add(name)) {
            members.forEach(m -> expand(m, out, visiting));
            visiting.remove(name);
        }
    }

    /** Registers a user a rule names and returns its key. */
    int register(String user) {
        return keys.computeIfAbsent(user, u -> keys.size() + 2);
    }

    /** Largest key in use. */
    int maxKey() {
        return keys.size() + 1;
    }

    /** The key of a session's user; allocation-free. */
    int key(String user) {
        if (user == null) {
            return UNKNOWN;
        }
        Integer k = keys.get(user);
        return k == null ? OTHER_KNOWN : k;
    }

    /** The statically mapped user of an address, or null. */
    String userOf(int version, long hi, long lo) {
        int i = mappingIndex.get(version, hi, lo);
        return i == AddressIntMap.ABSENT ? null : mappedUsers[i];
    }

    List<String> namedUsers() {
        return new ArrayList<>(keys.keySet());
    }
}
