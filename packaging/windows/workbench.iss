; Inno Setup 6 script: the per-user Windows installer of Workbench.
;
; Build (see packaging/README.md for the whole procedure, versions and signing):
;   py packaging\build.py
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" packaging\windows\workbench.iss
; Output: packaging\build\installer\Workbench-<version>-setup.exe
;
; - Installs for the current user only, without administrator rights
;   (PrivilegesRequired=lowest): into %LOCALAPPDATA%\Programs\Workbench, registry in HKCU.
; - Start-menu shortcuts (Workbench, and Workbench with the demo month), an optional desktop
;   shortcut, and "Open with Workbench" on .xlsx files (Explorer's right-click menu and the
;   "Open with" list; Excel stays the default program).
; - The uninstaller removes the program and its registry entries only: the user's store,
;   backups, settings and logs (%LOCALAPPDATA%\Workbench\Workbench) stay where they are.
; - Installer texts in English and Simplified Chinese (see ChineseSimplified below).
; - The version comes from the version resource of Workbench.exe, which workbench.spec
;   generates from workbench.__version__; override with /DAppVersion=x.y.z.
; This file is UTF-8 with a byte-order mark: keep it so (the Chinese texts need it).

#define AppName "Workbench"
#define AppExe "Workbench.exe"
#define CliExe "workbench-cli.exe"
#define AppPublisher "Remote-banking centre"

#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\build\dist\workbench"
#endif
#ifndef OutputDirectory
  #define OutputDirectory AddBackslash(SourcePath) + "..\build\installer"
#endif
#if !FileExists(AddBackslash(DistDir) + AppExe)
  #error Build the bundle first (py packaging\build.py): Workbench.exe is not in DistDir
#endif
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(AddBackslash(DistDir) + AppExe, "ProductVersion")
#endif
#define AppVersionNumbers GetVersionNumbersString(AddBackslash(DistDir) + AppExe)

; The Simplified Chinese messages file. Older Inno Setup 6 releases carry it only as an
; unofficial translation (not installed with the compiler; the newest ones ship it in
; Languages\). A copy beside this script (packaging\windows\ChineseSimplified.isl, vetted by
; IT, see README) wins over the compiler's; with neither, the build stops here.
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseMessages AddBackslash(SourcePath) + "ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#else
  #error ChineseSimplified.isl not found: see packaging/README.md, "Chinese installer texts"
#endif

[Setup]
; AppId identifies the product for upgrades and the uninstaller: never change it.
AppId={{6E0B6A57-2F0C-4C8E-9A0D-3B1F5C7D9E21}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersionNumbers}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
; Per-user, no elevation: {autopf} is %LOCALAPPDATA%\Programs, HKA is HKEY_CURRENT_USER.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
ShowLanguageDialog=auto
SetupIconFile=..\icons\workbench.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir={#OutputDirectory}
OutputBaseFilename=Workbench-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
ChangesAssociations=yes
; Close a running Workbench (Restart Manager) before files are replaced or removed.
CloseApplications=yes
RestartApplications=no
#ifdef SignToolName
; Signing: ISCC /Ssigntool="signtool.exe sign ... $f" /DSignToolName=signtool (README).
SignTool={#SignToolName}
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "{#ChineseMessages}"

[CustomMessages]
english.DemoShortcut=Workbench (demo month)
chinesesimplified.DemoShortcut=Workbench（演示数据）
english.AssocTask=Add "Open with Workbench" to .xlsx files (Excel stays the default program)
chinesesimplified.AssocTask=为 .xlsx 文件添加“用 Workbench 打开”（Excel 仍为默认程序）
english.AssocGroup=Files:
chinesesimplified.AssocGroup=文件：
english.OpenWithWorkbench=Open with Workbench
chinesesimplified.OpenWithWorkbench=用 Workbench 打开
english.AssocDescription=Excel workbook (Workbench)
chinesesimplified.AssocDescription=Excel 工作簿（Workbench）
english.DataKept=Workbench has been removed. Your data store, its backups and the logs were kept in:%n%n%1%n%nDelete that folder yourself only if you no longer need the data.
chinesesimplified.DataKept=Workbench 已卸载。您的数据库、备份和日志仍保留在：%n%n%1%n%n如确定不再需要这些数据，可自行删除该文件夹。
english.LaunchAfterInstall=Start Workbench
chinesesimplified.LaunchAfterInstall=启动 Workbench

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "xlsxassoc"; Description: "{cm:AssocTask}"; GroupDescription: "{cm:AssocGroup}"

[InstallDelete]
; An upgrade replaces the whole bundle: no library of the previous version may linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:DemoShortcut}"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; All under HKEY_CURRENT_USER\Software\Classes (HKA in a per-user install): no admin rights.
; 1. A ProgID describing how Workbench opens a workbook.
Root: HKA; Subkey: "Software\Classes\Workbench.xlsx"; ValueType: string; ValueName: ""; ValueData: "{cm:AssocDescription}"; Flags: uninsdeletekey; Tasks: xlsxassoc
Root: HKA; Subkey: "Software\Classes\Workbench.xlsx\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: xlsxassoc
Root: HKA; Subkey: "Software\Classes\Workbench.xlsx\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: xlsxassoc
; 2. Listed in .xlsx's "Open with" menu, without taking the default away from Excel.
Root: HKA; Subkey: "Software\Classes\.xlsx\OpenWithProgids"; ValueType: string; ValueName: "Workbench.xlsx"; ValueData: ""; Flags: uninsdeletevalue; Tasks: xlsxassoc
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey; Tasks: xlsxassoc
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".xlsx"; ValueData: ""; Tasks: xlsxassoc
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: xlsxassoc
; 3. "Open with Workbench" in the right-click menu of every .xlsx, whatever its default program.
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.xlsx\shell\Workbench"; ValueType: string; ValueName: ""; ValueData: "{cm:OpenWithWorkbench}"; Flags: uninsdeletekey; Tasks: xlsxassoc
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.xlsx\shell\Workbench"; ValueType: string; ValueName: "Icon"; ValueData: "{app}\{#AppExe},0"; Tasks: xlsxassoc
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.xlsx\shell\Workbench\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: xlsxassoc

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchAfterInstall}"; WorkingDir: "{userdocs}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself leaves inside {app}. The user's data folder is never listed here.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
{ Where the app keeps the store, backups and logs: platformdirs' user_data_dir("Workbench",
  "Workbench") on Windows, i.e. %LOCALAPPDATA%\Workbench\Workbench (workbench/paths.py). }
function UserDataFolder(): String;
begin
  Result := ExpandConstant('{localappdata}\Workbench\Workbench');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(UserDataFolder()) and
     not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [UserDataFolder()]), mbInformation, MB_OK);
end;
