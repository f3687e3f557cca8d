;redcode-94nop
;name Long Teeth
;author drq bench (hand-written)
;strategy A vampire: drops JMP fangs at a mod-4 step, each aimed at its pit, where captured
;strategy processes split forever; after 480 fangs a DAT clear wipes the core, pit and all.
;assert CORESIZE == 8000
step    equ     3332
vamp    add.f   vinc, fang
        mov.i   fang, @fang
        djn.b   vamp, #480
        jmp.b   clear, 0
fang    jmp.b   pit, 0
vinc    dat.f   #-step, #step
pit     spl.b   #0, 0
        jmp.b   pit, 0
cptr    dat.f   #0, #5
clear   spl.b   #0, 0
cl      mov.i   vdat, >cptr
        djn.f   cl, >cptr
vdat    dat.f   #0, #5
        end     vamp
