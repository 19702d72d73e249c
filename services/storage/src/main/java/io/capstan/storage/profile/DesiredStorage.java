package io.capstan.storage.profile;

import io.capstan.model.cluster.Infrastructure;

import java.util.List;

/**
 * What a cluster should have: the profile resolved against the infrastructure defaults.
 *
 * @param classes      the classes to ensure, in profile order
 * @param defaultClass the class Capstan would mark default, null when {@code classes} is empty
 * @param ownsDefault  {@link StorageProfile#ownsDefault()}
 * @param source       where the classes come from
 */
public record DesiredStorage(List<ClassSpec> classes, String defaultClass, boolean ownsDefault, Source source) {

    /** Origin of {@link #classes()}. */
    public enum Source {
        /** {@code storage.classes} of the profile. */
        PROFILE,
        /** {@link InfrastructureDefaults}. */
        INFRASTRUCTURE_DEFAULTS
    }

    public DesiredStorage {
        classes = List.copyOf(classes);
    }

    /**
     * Resolves a profile.
     *
     * @throws InvalidProfileException ({@code storage.defaultClass}) when the default names no effective class
     */
    public static DesiredStorage resolve(StorageProfile profile, Infrastructure infrastructure) {
        List<ClassSpec> classes = profile.classes().orElseGet(() -> InfrastructureDefaults.classesFor(infrastructure));
        Source source = profile.classes().isPresent() ? Source.PROFILE : Source.INFRASTRUCTURE_DEFAULTS;
        String named = profile.defaultClass();
        if (named != null && classes.stream().noneMatch(c -> c.name().equals(named))) {
            throw new InvalidProfileException("storage.defaultClass", "names '" + named + "', which is not among the classes "
                    + classes.stream().map(ClassSpec::name).toList());
        }
        String dflt = named;
        if (dflt == null) {
            dflt = classes.stream().filter(ClassSpec::isDefault).map(ClassSpec::name).findFirst()
                    .orElse(classes.isEmpty() ? null : classes.get(0).name());
        }
        return new DesiredStorage(classes, dflt, profile.ownsDefault(), source);
    }
}
