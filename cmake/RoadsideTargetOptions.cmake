# roadside_target_options(<target>): the warning, determinism and sanitizer flags every
# Roadside target gets. Target-scoped on purpose: nothing leaks into Box2D or other packages.
function(roadside_target_options target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    # No fused multiply-add contraction: results must not depend on what the compiler fuses
    # (Box2D v3 builds the same way for cross-machine determinism).
    -ffp-contract=off)
  if(ROADSIDE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(ROADSIDE_SANITIZE)
    # GCC's -Wmaybe-uninitialized gives false positives under sanitizer instrumentation (in
    # libstdc++'s std::regex here), so the sanitizer build leaves that one warning to the others.
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined -Wno-maybe-uninitialized)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
