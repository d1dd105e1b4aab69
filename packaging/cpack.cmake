# The Debian package: 'cpack -G DEB' in a build folder configured with
# -DCMAKE_INSTALL_PREFIX=/usr (packaging/install_test.sh does both) makes
# ease_<version>_<arch>.deb. The binary finds its routines under the prefix it was built for
# (EASE_INSTALL_DATADIR), so the package installs under that same prefix.

# What only a package needs: the man page, the Debian changelog and the copyright file, the
# commented configuration, the clinic's routine folder, the desktop entry, AppStream metadata,
# and the systemd unit. Debian wants the man page and changelog compressed with gzip -9n (no
# name or time inside, so the package is reproducible).
foreach(doc ease.1 changelog)
  add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/packaging/${doc}.gz
                     COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/packaging
                     COMMAND gzip -9nc ${PROJECT_SOURCE_DIR}/packaging/${doc}
                             > ${PROJECT_BINARY_DIR}/packaging/${doc}.gz
                     DEPENDS ${PROJECT_SOURCE_DIR}/packaging/${doc} VERBATIM)
endforeach()
add_custom_target(ease_package_docs ALL
                  DEPENDS ${PROJECT_BINARY_DIR}/packaging/ease.1.gz
                          ${PROJECT_BINARY_DIR}/packaging/changelog.gz)
install(FILES ${PROJECT_BINARY_DIR}/packaging/ease.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_BINARY_DIR}/packaging/changelog.gz packaging/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
# /etc/ease is where paths.c and the docs look, whatever the prefix. The conffile is minimal and
# never changes, so dpkg never asks about it on an update; every key, commented, is an example.
install(FILES packaging/kiosk.yaml DESTINATION /etc/ease)
install(FILES packaging/kiosk.yaml.example DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples
        RENAME kiosk.yaml)
install(FILES docs/kiosk-setup.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The service's session: cage with Ease as its client (see the script for why it is needed).
install(PROGRAMS packaging/kiosk-session DESTINATION lib/ease)
install(DIRECTORY DESTINATION /etc/ease/routines)
install(FILES packaging/org.easekiosk.Ease.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES packaging/org.easekiosk.Ease.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
# Debian 12 keeps units in /lib (usrmerge makes it the same folder as /usr/lib).
install(FILES packaging/ease-kiosk.service DESTINATION /lib/systemd/system)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ease)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The Ease authors")
set(CPACK_PACKAGE_CONTACT "Ease maintainers <maintainers@users.noreply.h-seed-5088b982.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "guided routines for clinic waiting rooms")
# The synopsis line comes from the summary above; this is the long description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Ease is a full-screen kiosk for clinic waiting rooms. While they wait,
patients with chronic pain follow short guided routines on a touchscreen:
breathing and relaxation, tai chi, and graded movement.
.
Physiotherapists write the routines as YAML files; Ease checks them, compiles
each into an exact timeline and plays it. The package runs the kiosk at boot
under the cage Wayland compositor on the first console, as the unprivileged
'ease' user, restarted by systemd when it crashes or hangs.")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Beyond the libraries (shlibdeps): what the session runs on a minimal Debian 12. cage, and the
# Xwayland it will not start without (Ease draws through it when there is no GPU); Mesa's
# drivers (cage's renderer and SDL's GL); logind's PAM module for the unit's PAMName=login; the
# font the screens are drawn in; adduser for the 'ease' user. Recommended: the voice's data,
# and ALSA's tools to find the sound-device name.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "cage, xwayland, libgl1-mesa-dri, libegl1, libgl1, libpam-systemd, fonts-dejavu-core, adduser")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "espeak-ng-data, alsa-utils")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/debian/postinst
    ${PROJECT_SOURCE_DIR}/packaging/debian/prerm
    ${PROJECT_SOURCE_DIR}/packaging/debian/postrm
    ${PROJECT_BINARY_DIR}/packaging/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
# A clinic's edits to kiosk.yaml survive updates.
file(WRITE ${PROJECT_BINARY_DIR}/packaging/conffiles "/etc/ease/kiosk.yaml\n")
include(CPack)
