; Inno Setup script for the Windows installer: Chinese interface, per-user install without
; administrator rights, Start-menu entries, and an uninstaller that leaves the user's data
; (%LOCALAPPDATA%\zzdesk: saved briefings, imported reports) in place.
; Built by packaging/build-windows (Inno Setup's compiler under Wine) and by
; .github/workflows/windows-installer.yml, after PyInstaller has made the bundle.
; Compile: iscc /DAppVersion=0.1.0 [/DBundleDir=..\..\dist\windows\zzdesk] packaging\windows\zzdesk.iss

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\zzdesk"
#endif

[Setup]
AppId={{6E1D2B57-3C1A-4F0B-9C52-5A7E0D3B2F41}
AppName=政府工作报告简报台
AppVersion={#AppVersion}
AppPublisher=zzdesk
DefaultDirName={autopf}\zzdesk
DefaultGroupName=政府工作报告简报台
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
OutputDir=..\..\dist
OutputBaseFilename=zzdesk-{#AppVersion}-windows-setup
SetupIconFile=zzdesk.ico
UninstallDisplayIcon={app}\zzdesk-gui.exe
Compression=lzma2/ultra64
SolidCompression=yes
LZMAUseSeparateProcess=yes
LZMANumBlockThreads=2
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\..\LICENSES\zzdesk-MIT.txt

; Stock Inno Setup has no Simplified Chinese messages: ours, over the English defaults.
[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面上创建快捷方式"; GroupDescription: "附加快捷方式："

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\政府工作报告简报台"; Filename: "{app}\zzdesk-gui.exe"
Name: "{group}\卸载政府工作报告简报台"; Filename: "{uninstallexe}"
Name: "{autodesktop}\政府工作报告简报台"; Filename: "{app}\zzdesk-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\zzdesk-gui.exe"; Description: "启动政府工作报告简报台"; Flags: nowait postinstall skipifsilent

; Only the program folder is removed on uninstall; the user data folder is never touched.
[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"
