package io.palisade.config.model;

import io.palisade.config.bind.Default;
import io.palisade.config.bind.Required;
import java.util.List;

/**
 * A security rule with PAN-OS semantics: rules match top-down, first match wins; rules see pre-NAT addresses
 * and the post-NAT destination zone. Lists accept {@code any}.
 *
 * @param name rule name
 * @param from source zones
 * @param to destination zones
 * @param source source addresses: object or group names, literal addresses or prefixes
 * @param destination destination addresses
 * @param negateSource match everything except {@code source}
 * @param negateDestination match everything except {@code destination}
 * @param sourceUser users or groups, or {@code any}, {@code known-user}, {@code unknown}
 * @param application application names or {@code any}
 * @param service service names, {@code any}, or {@code application-default}
 * @param action what happens to matching traffic
 * @param logStart traffic log at session start
 * @param logEnd traffic log at session end
 * @param disabled a disabled rule never matches
 * @param description free text
 */
public record SecurityRule(
        @Required String name,
        @Required List<String> from,
        @Required List<String> to,
        @Default("any") List<String> source,
        @Default("any") List<String> destination,
        @Default("false") boolean negateSource,
        @Default("false") boolean negateDestination,
        @Default("any") List<String> sourceUser,
        @Default("any") List<String> application,
        @Default("application-default") List<String> service,
        @Required RuleAction action,
        @Default("false") boolean logStart,
        @Default("true") boolean logEnd,
        @Default("false") boolean disabled,
        String description) {
    public SecurityRule {
        from = Lists.copy(from);
        to = Lists.copy(to);
        source = Lists.copy(source);
        destination = Lists.copy(destination);
        sourceUser = Lists.copy(sourceUser);
        application = Lists.copy(application);
        service = Lists.copy(service);
    }
}
