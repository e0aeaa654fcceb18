# Read by cpack before each generator runs (CPACK_PROJECT_CONFIG_FILE).
if(CPACK_GENERATOR STREQUAL "DEB")
    # Each package's Description starts with its own synopsis (CPACK_DEBIAN_<COMPONENT>_DESCRIPTION);
    # CPackDeb would put the project's summary above it unless the summary is its default.
    set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CPACK_DEFAULT_PACKAGE_DESCRIPTION_SUMMARY}")
endif()
