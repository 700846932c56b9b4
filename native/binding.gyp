{
  "targets": [
    {
      "target_name": "pijat_native",
      "sources": ["src/addon.cpp", "src/engine.cpp", "src/readers.cpp"],
      "cflags_cc": ["-std=c++17", "-O2", "-ffp-contract=off", "-fno-fast-math"],
      "cflags_cc!": ["-fno-exceptions"],
      "xcode_settings": {
        "OTHER_CPLUSPLUSFLAGS": ["-std=c++17", "-O2", "-ffp-contract=off"]
      },
      "msvs_settings": {
        "VCCLCompilerTool": { "AdditionalOptions": ["/std:c++17", "/fp:precise"] }
      }
    }
  ]
}
