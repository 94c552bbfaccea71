# hukiosk_embed_text(OUT_VAR SOURCE NAMESPACE SYMBOL): compiles a text file into the binary as a const char array
# (NAMESPACE::SYMBOL), so built-in defaults and data need no file at run time. OUT_VAR gets the generated source.
function(hukiosk_embed_text out_var source namespace symbol)
    file(READ ${source} EMBED_CONTENT)
    set(EMBED_SOURCE ${source})
    set(EMBED_NAMESPACE ${namespace})
    set(EMBED_SYMBOL ${symbol})
    get_filename_component(name ${source} NAME_WE)
    set(generated ${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cpp)
    configure_file(${PROJECT_SOURCE_DIR}/cmake/embedded_text.cpp.in ${generated} @ONLY)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${source})
    set(${out_var} ${generated} PARENT_SCOPE)
endfunction()
