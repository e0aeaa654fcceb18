# On Debian and its derivatives, libraries go to lib/<multiarch triplet> (lib/x86_64-linux-gnu)
# under every prefix, as Debian's own packages have them: then the .deb's library, its
# pkg-config file and CMake package are where a cross build looks, and ld.so, pkg-config and
# find_package search there under /usr/local too. GNUInstallDirs picks it only for /usr; a
# -DCMAKE_INSTALL_LIBDIR given on the command line still wins.
if(CMAKE_LIBRARY_ARCHITECTURE AND EXISTS /etc/debian_version AND NOT DEFINED CMAKE_INSTALL_LIBDIR)
    set(CMAKE_INSTALL_LIBDIR lib/${CMAKE_LIBRARY_ARCHITECTURE}
        CACHE PATH "Object code libraries (lib/${CMAKE_LIBRARY_ARCHITECTURE})")
endif()
