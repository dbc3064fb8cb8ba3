; Inno Setup 6 script: the Windows installer of Pluggto Desktop.
;
; Build the app first (one folder: dist\pluggto-desktop), then, from the repository root:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\pluggto-desktop.iss
;
; → dist\pluggto-desktop-<version>-windows-x64-setup.exe
;
; * Installs for the current user (no administrator rights; {autopf} = %LOCALAPPDATA%\Programs)
;   or, when the user picks it in the first dialog, for all users ({autopf} = C:\Program Files).
; * Start menu shortcut; optional desktop shortcut; optional "start with Windows" (HKCU ...\Run).
;   The entry runs the app with --minimized (straight to the notification area) and uses the same
;   value name as the app's own "Iniciar com o computador" option, so each shows the other's choice.
; * Uninstalling removes the program and KEEPS the profile (%LOCALAPPDATA%\pluggto-desktop: the
;   settings, the order queue database, the logs) unless the user answers Yes to "also remove my
;   data". Then the profile's passwords and tokens are deleted from Windows Credential Manager
;   (service "pluggto-desktop") too, by "pluggto-desktop-cli.exe forget-secrets", before the
;   program files go; with No they stay, so a reinstall finds the store still connected.
; * Signing: pass /DSignToolName=<name of a Sign Tool configured in the IDE or with /S>, e.g.
;     iscc "/Ssigntool=signtool.exe sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /a $f" ^
;          /DSignToolName=signtool /DAppVersion=0.1.0 packaging\windows\pluggto-desktop.iss
;   (README.md, "Packaging": sign the .exe files PyInstaller made first, then the installer.)

#define AppName "Pluggto Desktop"
#define AppExe "pluggto-desktop.exe"
#define CliExe "pluggto-desktop-cli.exe"
#define DistDir "..\..\dist\pluggto-desktop"
#ifndef AppVersion
  ; without /DAppVersion=…, the version PyInstaller wrote into the exe (from pluggto_desktop.__version__)
  #define AppVersion GetVersionNumbersString(AddBackslash(SourcePath) + DistDir + "\" + AppExe)
#endif

[Setup]
; AppId identifies the program for upgrades and uninstall: never change it.
AppId={{E5C8AEAF-A822-4580-9844-4FFC4FD37C21}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; per-user by default; the first page lets the user choose "for all users" (needs admin)
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; the Run key below is per user on purpose, also in an all-users install
UsedUserAreasWarning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=pluggto-desktop-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; an update closes the running app (Restart Manager) instead of failing on files in use
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto
#ifdef SignToolName
SignTool={#SignToolName}
SignedUninstaller=yes
#endif

[Languages]
Name: "brazilianportuguese"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
brazilianportuguese.StartWithWindows=Iniciar o {#AppName} junto com o Windows (a sincronização continua na área de notificação)
english.StartWithWindows=Start {#AppName} when Windows starts (syncing goes on in the notification area)
brazilianportuguese.StartGroup=Inicialização:
english.StartGroup=Startup:
brazilianportuguese.RemoveData=Remover também os seus dados do {#AppName}?%n%nConfigurações, fila de pedidos e registros em:%n%1%ne as senhas guardadas no Gerenciador de Credenciais do Windows.%n%nEscolha "Não" para mantê-los (por exemplo, para reinstalar depois).
english.RemoveData=Also remove your {#AppName} data?%n%nSettings, order queue and logs in:%n%1%nand the passwords kept in Windows Credential Manager.%n%nChoose "No" to keep them (for example, to reinstall later).

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "startup"; Description: "{cm:StartWithWindows}"; GroupDescription: "{cm:StartGroup}"

[Files]
; the whole PyInstaller folder: pluggto-desktop.exe (the app), pluggto-desktop-cli.exe (the
; command line) and _internal\
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an upgrade must not leave libraries of the previous version next to the new ones
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; \
  ValueName: "{#AppName}"; ValueData: """{app}\{#AppExe}"" --minimized"; Tasks: startup; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
var
  RemoveUserData: Boolean;

function ProfileDir(): String;
begin
  { the default profile folder (platformdirs.user_data_dir("pluggto-desktop")) }
  Result := ExpandConstant('{localappdata}\pluggto-desktop');
end;

procedure ForgetSecrets();
var
  ResultCode: Integer;
begin
  { the app itself knows how its Credential Manager entries are named (one set per profile);
    it must run while its files are still installed, i.e. before usUninstall removes them }
  if not Exec(ExpandConstant('{app}\{#CliExe}'), 'forget-secrets', '', SW_HIDE,
              ewWaitUntilTerminated, ResultCode) then
    Log('forget-secrets could not be started: ' + SysErrorMessage(ResultCode))
  else if ResultCode <> 0 then
    Log(Format('forget-secrets exited with %d', [ResultCode]));
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
  begin
    RemoveUserData := False;
    { silent uninstalls (updates, scripted removal) always keep the data }
    if (not UninstallSilent()) and DirExists(ProfileDir()) then
      RemoveUserData := MsgBox(FmtMessage(CustomMessage('RemoveData'), [ProfileDir()]),
                               mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
    if RemoveUserData then
      ForgetSecrets();
  end;
  if (CurUninstallStep = usPostUninstall) and RemoveUserData then
    DelTree(ProfileDir(), True, True, True);
end;
