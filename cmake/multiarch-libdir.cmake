# On Debian and its derivatives, libraries go to lib/<multiarch triplet> (lib/x86_64-linux-gnu)
# under every prefix, as Debian's own packages have them: then the .deb's library, its
# pkg-config file and CMake package are where a cross build looks, and ld.so, pkg-config and
# find_package search there under /usr/local too. GNUInstallDirs picks it only for /usr.
# A CMAKE_INSTALL_LIBDIR given by the user wins; a build directory configured before this file
# existed has GNUInstallDirs' "lib" in its cache, and is moved over once.
if(CMAKE_LIBRARY_ARCHITECTURE AND EXISTS /etc/debian_version)
    get_property(ta_libdir_type CACHE CMAKE_INSTALL_LIBDIR PROPERTY TYPE)
    if(NOT DEFINED CACHE{CMAKE_INSTALL_LIBDIR}
       OR (NOT DEFINED CACHE{TA_MULTIARCH_LIBDIR} AND ta_libdir_type STREQUAL "PATH"
           AND "$CACHE{CMAKE_INSTALL_LIBDIR}" STREQUAL "lib"))
        set(CMAKE_INSTALL_LIBDIR lib/${CMAKE_LIBRARY_ARCHITECTURE}
            CACHE PATH "Object code libraries (lib/${CMAKE_LIBRARY_ARCHITECTURE})" FORCE)
    endif()
    set(TA_MULTIARCH_LIBDIR ON CACHE INTERNAL "CMAKE_INSTALL_LIBDIR was given its Debian default")
endif()
