<#
.SYNOPSIS
  Builds the Postfach Windows installer (.msi) with the WiX Toolset v3.

.DESCRIPTION
  1. cargo build --profile packaging (release + LTO; the icon and version info are embedded by build.rs)
  2. candle + light on packaging\windows\postfach.wxs, once per language
  3. writes target\dist\postfach-<version>-x86_64-<culture>.msi (and prints its SHA-256)

  Needs, on Windows 10/11 x64:
    * Rust 1.95 (rustup, target x86_64-pc-windows-msvc) and Visual Studio Build Tools (C++ workload)
    * WiX Toolset 3.14:  winget install WiXToolset.WiXToolset   (or choco install wixtoolset)
      candle.exe/light.exe are found through %WIX%\bin, which the WiX installer sets.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File packaging\windows\build-msi.ps1
  powershell -ExecutionPolicy Bypass -File packaging\windows\build-msi.ps1 -Cultures de-de -NoBuild
#>
param(
  [string]   $CargoProfile = "packaging",
  [string[]] $Cultures = @("en-us", "de-de"),
  [switch]   $NoBuild
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
$here = $PSScriptRoot
Push-Location $root
try {
  # Version from Cargo.toml, through cargo itself.
  $meta = cargo metadata --no-deps --format-version 1 --locked | ConvertFrom-Json
  $version = ($meta.packages | Where-Object { $_.name -eq "postfach" }).version
  # An MSI version is numeric (major.minor.build): drop a pre-release or build suffix.
  $msiVersion = ($version -split "[-+]")[0]

  if (-not $NoBuild) {
    cargo build --profile $CargoProfile --locked
    if ($LASTEXITCODE -ne 0) { throw "cargo build failed" }
  }
  $targetDir = if ($env:CARGO_TARGET_DIR) { $env:CARGO_TARGET_DIR } else { Join-Path $root "target" }
  $exe = Join-Path $targetDir "$CargoProfile\postfach.exe"
  if (-not (Test-Path $exe)) { throw "$exe not found: build it first (or drop -NoBuild)" }

  $wixBin = if ($env:WIX) { Join-Path $env:WIX "bin" } else { "" }
  $candle = if ($wixBin -and (Test-Path (Join-Path $wixBin "candle.exe"))) { Join-Path $wixBin "candle.exe" } else { "candle.exe" }
  $light  = if ($wixBin -and (Test-Path (Join-Path $wixBin "light.exe")))  { Join-Path $wixBin "light.exe" }  else { "light.exe" }

  $obj  = Join-Path $targetDir "wix"
  $dist = Join-Path $targetDir "dist"
  New-Item -ItemType Directory -Force -Path $obj, $dist | Out-Null

  & $candle -nologo -arch x64 -ext WixUIExtension `
    "-dVersion=$msiVersion" "-dExePath=$exe" `
    "-dIconPath=$root\resources\icons\postfach.ico" "-dLicenseRtf=$here\License.rtf" `
    -out "$obj\postfach.wixobj" "$here\postfach.wxs"
  if ($LASTEXITCODE -ne 0) { throw "candle failed" }

  foreach ($culture in $Cultures) {
    $msi = Join-Path $dist "postfach-$version-x86_64-$culture.msi"
    & $light -nologo -ext WixUIExtension "-cultures:$culture" -loc "$here\postfach.$culture.wxl" `
      -out $msi "$obj\postfach.wixobj"
    if ($LASTEXITCODE -ne 0) { throw "light failed for $culture" }
    $hash = (Get-FileHash -Algorithm SHA256 $msi).Hash.ToLower()
    Write-Host "built $msi  sha256 $hash"
  }
}
finally {
  Pop-Location
}
