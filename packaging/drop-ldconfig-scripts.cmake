# A CPACK_POST_BUILD_SCRIPTS script: CPackDeb gives a package with a library in /usr/lib a
# postinst and a postrm that call ldconfig, which Debian replaced with dpkg's ldconfig trigger
# (lintian: maintscript-calls-ldconfig). libtaN has the trigger (its CONTROL_EXTRA): rebuild it
# without those scripts. The files and their md5sums are unchanged.
foreach(deb IN LISTS CPACK_PACKAGE_FILES)
    get_filename_component(name "${deb}" NAME)
    if(NOT name MATCHES "^libta[0-9]+_.*\\.deb$")
        continue()
    endif()
    set(tree "${CPACK_TOPLEVEL_DIRECTORY}/repack-${name}")
    file(REMOVE_RECURSE "${tree}")
    execute_process(COMMAND dpkg-deb --raw-extract "${deb}" "${tree}" COMMAND_ERROR_IS_FATAL ANY)
    file(REMOVE "${tree}/DEBIAN/postinst" "${tree}/DEBIAN/postrm")
    execute_process(COMMAND dpkg-deb --root-owner-group --build "${tree}" "${deb}"
                    OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
    file(REMOVE_RECURSE "${tree}")
endforeach()
